import { Suspense } from 'react';
import { Link, Outlet } from 'react-router-dom';
import { useSession } from '../features/accounts/session/session-context.js';
import { HeaderSearch } from '../features/search/components/header-search.js';
import { lazyPage } from './lazy-page.js';
import { paths } from './routes.js';

// The bell polls the signed-in user's notices; anonymous visitors never download it.
const PublicNotificationBell = lazyPage(
  () => import('../features/notifications/components/public-notification-bell.js'),
  (m) => m.PublicNotificationBell,
);

// Plain markup, no antd: this shell and the home page are the first download of every visitor,
// and antd's runtime (CSS-in-JS, theme, motion) would add ~45 KB gzip. The `kh-btn` classes in
// index.html imitate antd's buttons.

/** Header (with the search box) and footer around the public pages (home, lists, sign-in, registration). */
export function PublicLayout() {
  const { session } = useSession();
  const isSignedIn = Boolean(session?.user);
  return (
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column' }}>
      <header
        style={{
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
          flexWrap: 'wrap',
          gap: '4px 12px',
          padding: '12px 16px',
          // Three sections in the nav: on a phone it wraps under the logo instead of widening the page.
          minHeight: 64,
          boxSizing: 'border-box',
          background: '#fff',
          borderBottom: '1px solid #f0f0f0',
        }}
      >
        <Link to={paths.home} style={{ color: 'inherit', textDecoration: 'none', whiteSpace: 'nowrap' }} aria-label="科惠首页">
          <span style={{ fontSize: 20, fontWeight: 600, color: '#1677ff' }}>科惠</span>
          <span style={{ marginLeft: 8, color: '#555' }} className="kehui-hide-xs">
            技术转移公共服务平台
          </span>
        </Link>
        <HeaderSearch />
        <nav aria-label="站点导航" style={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', justifyContent: 'flex-end', gap: 8, marginLeft: 'auto' }}>
          <Link to={paths.achievements} className="kh-btn kh-btn-text">
            科技成果
          </Link>
          <Link to={paths.demands} className="kh-btn kh-btn-text">
            需求大厅
          </Link>
          {/* Hidden on phones: the header has no room for a third link there. */}
          <Link to={paths.campaigns} className="kh-btn kh-btn-text kehui-hide-xs">
            科惠行动
          </Link>
          <Link to={paths.subsidies} className="kh-btn kh-btn-text kehui-hide-xs">
            补助政策
          </Link>
          <Link to={paths.auctions} className="kh-btn kh-btn-text kehui-hide-xs">
            网上拍卖
          </Link>
          {isSignedIn ? (
            <>
              <Suspense fallback={null}>
                <PublicNotificationBell />
              </Suspense>
              <Link to={paths.workspace} className="kh-btn kh-btn-primary">
                进入工作台
              </Link>
            </>
          ) : (
            <>
              <Link to={paths.signUpOrganization} className="kh-btn">
                机构注册
              </Link>
              <Link to={paths.signIn} className="kh-btn kh-btn-primary">
                登录
              </Link>
            </>
          )}
        </nav>
      </header>
      <main style={{ flex: 1, padding: '24px 16px', width: '100%', maxWidth: 1200, margin: '0 auto', boxSizing: 'border-box' }}>
        <Outlet />
      </main>
      <footer style={{ textAlign: 'center', color: '#888', padding: '24px 16px', fontSize: 14 }}>
        科惠 · 湖北省技术转移公共服务平台 · 所有时间均为北京时间
      </footer>
    </div>
  );
}
