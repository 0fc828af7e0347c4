import { Link, Outlet } from 'react-router-dom';
import { useSession } from '../features/accounts/session/session-context.js';
import { HeaderSearch } from '../features/search/components/header-search.js';
import { paths } from './routes.js';

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
          gap: 12,
          padding: '0 16px',
          height: 64,
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
        <nav aria-label="站点导航" style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
          <Link to={paths.achievements} className="kh-btn kh-btn-text">
            科技成果
          </Link>
          {isSignedIn ? (
            <Link to={paths.workspace} className="kh-btn kh-btn-primary">
              进入工作台
            </Link>
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
