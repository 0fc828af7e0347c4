import { type ReactNode, Suspense, useEffect } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useSession } from '../features/accounts/session/session-context.js';
import { type Access, isAllowed } from './access.js';
import { setDocumentTitle } from './document-title.js';
import { lazyPage } from './lazy-page.js';
import { PageFallback } from './page-fallback.js';
import { type AppRoute, paths } from './routes.js';

const ForbiddenPage = lazyPage(() => import('./status-pages.js'), (m) => m.ForbiddenPage);

export { SITE_NAME } from './document-title.js';

/**
 * Lets the children through if the session allows `access`; sends an anonymous visitor to sign in
 * (and back afterwards) and shows "无权访问" to a signed-in user who lacks the flag.
 */
export function AccessGate({ access, children }: { access: Access; children: ReactNode }) {
  const { session, error, isLoading, refresh } = useSession();
  const location = useLocation();
  if (access === 'public') return children;
  if (session === undefined && error && !isLoading) {
    return (
      <div role="alert" style={{ padding: '64px 16px', textAlign: 'center' }}>
        <p>{error.detail}</p>
        <button type="button" className="kh-btn" onClick={() => void refresh()}>
          重试
        </button>
      </div>
    );
  }
  if (session === undefined) return <PageFallback />;
  if (!session.user) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`${paths.signIn}?next=${encodeURIComponent(next)}`} replace />;
  }
  if (!isAllowed(access, session)) {
    return (
      <Suspense fallback={<PageFallback />}>
        <ForbiddenPage />
      </Suspense>
    );
  }
  return children;
}

/** One route of the table: title, access check and the lazily loaded page. */
export function RoutePage({ route }: { route: AppRoute }) {
  useEffect(() => {
    setDocumentTitle(route.path === paths.home ? undefined : route.title);
  }, [route]);
  const Page = route.page;
  return (
    <AccessGate access={route.access}>
      <Suspense fallback={<PageFallback />}>
        <Page />
      </Suspense>
    </AccessGate>
  );
}
