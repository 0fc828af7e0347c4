import { Suspense } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router-dom';
import { lazyPage } from './lazy-page.js';
import { PageFallback } from './page-fallback.js';
import { PublicLayout } from './public-layout.js';
import { RouteErrorPage } from './route-error-page.js';
import { AccessGate, RoutePage } from './route-gate.js';
import { routes } from './routes.js';

// The public layout ships with the entry (the home page needs it at once); the workspace shell,
// with its menu and icons, is only loaded by signed-in users.
const WorkspaceLayout = lazyPage(() => import('./workspace-layout.js'), (m) => m.WorkspaceLayout);
const NotFoundPage = lazyPage(() => import('./status-pages.js'), (m) => m.NotFoundPage);

function toRouteObjects(layout: 'public' | 'workspace'): RouteObject[] {
  return routes
    .filter((route) => route.layout === layout)
    .map((route) => ({ path: route.path, element: <RoutePage route={route} /> }));
}

export function createAppRouter() {
  return createBrowserRouter([
    {
      errorElement: <RouteErrorPage />,
      children: [
        {
          element: <PublicLayout />,
          children: [
            ...toRouteObjects('public'),
            {
              path: '*',
              element: (
                <Suspense fallback={<PageFallback />}>
                  <NotFoundPage />
                </Suspense>
              ),
            },
          ],
        },
        {
          element: (
            <AccessGate access="signed-in">
              <Suspense fallback={<PageFallback />}>
                <WorkspaceLayout />
              </Suspense>
            </AccessGate>
          ),
          children: toRouteObjects('workspace'),
        },
      ],
    },
  ]);
}
