import {
  AuditOutlined,
  BarChartOutlined,
  BellOutlined,
  BulbOutlined,
  CheckCircleOutlined,
  CloudDownloadOutlined,
  ClusterOutlined,
  ExperimentOutlined,
  FileDoneOutlined,
  FileProtectOutlined,
  FileSearchOutlined,
  FlagOutlined,
  HistoryOutlined,
  HomeOutlined,
  LogoutOutlined,
  MenuOutlined,
  MoneyCollectOutlined,
  ProfileOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  SendOutlined,
  SlidersOutlined,
  SolutionOutlined,
  TagsOutlined,
  TeamOutlined,
  TrophyOutlined,
  UploadOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { App as AntdApp, Button, Drawer, Flex, Grid, Layout, Menu, type MenuProps, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { signOut } from '../features/accounts/api/sign-out.js';
import { useSession } from '../features/accounts/session/session-context.js';
import { NotificationBell } from '../features/notifications/components/notification-bell.js';
import { isAllowed } from './access.js';
import { AntdConfig } from './antd-config.js';
import { type MenuIcon, menuRoutes, paths } from './routes.js';

const { Header, Sider, Content } = Layout;

const menuIcons: Record<MenuIcon, ReactNode> = {
  workspace: <HomeOutlined />,
  verification: <SafetyCertificateOutlined />,
  users: <TeamOutlined />,
  audit: <FileSearchOutlined />,
  account: <UserOutlined />,
  achievements: <ExperimentOutlined />,
  achievementReview: <AuditOutlined />,
  imports: <UploadOutlined />,
  searchDictionary: <ReadOutlined />,
  demands: <BulbOutlined />,
  demandPool: <SolutionOutlined />,
  demandClaimed: <FileDoneOutlined />,
  demandReview: <FileProtectOutlined />,
  demandDispatch: <SendOutlined />,
  listings: <TagsOutlined />,
  auctions: <TrophyOutlined />,
  auctionConsole: <AuditOutlined />,
  listingReview: <AuditOutlined />,
  deals: <CheckCircleOutlined />,
  contracts: <FileDoneOutlined />,
  contractQueue: <FileProtectOutlined />,
  contractStatistics: <BarChartOutlined />,
  subsidies: <MoneyCollectOutlined />,
  subsidyReview: <AuditOutlined />,
  subsidyProgrammes: <ProfileOutlined />,
  campaigns: <FlagOutlined />,
  savedSearches: <BellOutlined />,
  matchingWeights: <SlidersOutlined />,
  harvest: <CloudDownloadOutlined />,
  harvestRuns: <HistoryOutlined />,
  harvestClusters: <ClusterOutlined />,
};

/** The menu entry a URL belongs to: the longest route path that prefixes it. */
function selectedKey(pathname: string, keys: string[]): string | undefined {
  return keys
    .filter((key) => pathname === key || pathname.startsWith(`${key}/`))
    .sort((a, b) => b.length - a.length)[0];
}

/**
 * Shell of the signed-in workspace. The menu is built from the route table and shows only the
 * pages the session's `can` flags open; below the `lg` breakpoint it moves into a drawer.
 */
export function WorkspaceLayout() {
  const { session, refresh } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const isWide = screens.lg === true;
  const [isDrawerOpen, setDrawerOpen] = useState(false);
  const [isSigningOut, setSigningOut] = useState(false);

  const items = useMemo<NonNullable<MenuProps['items']>>(
    () =>
      menuRoutes
        .filter((route) => isAllowed(route.access, session))
        .map((route) => ({
          key: route.path,
          icon: menuIcons[route.menu.icon],
          label: <Link to={route.path}>{route.title}</Link>,
        })),
    [session],
  );
  const current = selectedKey(
    location.pathname,
    items.flatMap((item) => (item && typeof item.key === 'string' ? [item.key] : [])),
  );

  const handleSignOut = async () => {
    setSigningOut(true);
    try {
      await signOut();
    } catch {
      // Already signed out (expired session): going home and re-reading the session is still right.
    }
    setSigningOut(false);
    // Leave the workspace before the session is re-read, and without a transition: a route change
    // still pending when the signed-out session renders would let the workspace's access gate
    // send the user to /signin?next=… instead of home.
    await navigate(paths.home, { flushSync: true });
    await refresh();
  };

  const menu = (
    <nav aria-label="工作台菜单">
      <Menu
        mode="inline"
        items={items}
        selectedKeys={current ? [current] : []}
        onClick={() => setDrawerOpen(false)}
        style={{ borderInlineEnd: 'none' }}
      />
    </nav>
  );
  const userName = session?.user?.name ?? '';

  return (
    <AntdConfig>
      {/* AntdApp gives pages `App.useApp()` for messages and confirmations. */}
      <AntdApp>
        <Layout style={{ minHeight: '100vh' }}>
          <Header
            style={{
              display: 'flex',
              alignItems: 'center',
              gap: 12,
              paddingInline: 16,
              background: '#fff',
              borderBottom: '1px solid #f0f0f0',
            }}
          >
            {!isWide && (
              <Button type="text" icon={<MenuOutlined />} aria-label="打开菜单" onClick={() => setDrawerOpen(true)} />
            )}
            <Link to={paths.home} style={{ whiteSpace: 'nowrap' }}>
              <span style={{ fontSize: 20, fontWeight: 600, color: '#1677ff' }}>科惠</span>
              <span style={{ marginLeft: 8, color: '#555' }}>工作台</span>
            </Link>
            <Flex gap={8} align="center" style={{ marginLeft: 'auto', minWidth: 0 }}>
              {isWide && (
                <Typography.Text ellipsis style={{ maxWidth: 240 }}>
                  {userName}
                </Typography.Text>
              )}
              <NotificationBell />
              <Button icon={<LogoutOutlined />} loading={isSigningOut} onClick={handleSignOut}>
                退出登录
              </Button>
            </Flex>
          </Header>
          <Layout>
            {isWide && (
              <Sider width={220} theme="light" style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
                {menu}
              </Sider>
            )}
            <Content style={{ padding: isWide ? 24 : 12, minWidth: 0 }}>
              <Outlet />
            </Content>
          </Layout>
          {!isWide && (
            <Drawer
              title="科惠工作台"
              placement="left"
              open={isDrawerOpen}
              onClose={() => setDrawerOpen(false)}
              size={260}
              styles={{ body: { padding: 0 } }}
            >
              {menu}
            </Drawer>
          )}
        </Layout>
      </AntdApp>
    </AntdConfig>
  );
}
