import { isRouteErrorResponse, useRouteError } from 'react-router-dom';

/**
 * Last-resort screen for errors thrown while rendering a route, most often a page chunk that no
 * longer exists on the server after a new release: reloading fetches the current one.
 */
export function RouteErrorPage() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : undefined;
  return (
    <main style={{ maxWidth: 560, margin: '80px auto', padding: '0 16px', textAlign: 'center' }}>
      <h1 style={{ fontSize: 22 }}>页面出错了{status ? `（${status}）` : ''}</h1>
      <p>页面加载失败，可能是网络中断或平台刚刚更新。请刷新后重试。</p>
      <button type="button" onClick={() => window.location.reload()} style={{ padding: '6px 16px' }}>
        刷新页面
      </button>
    </main>
  );
}
