import { type ComponentType, type LazyExoticComponent, lazy } from 'react';

/**
 * React.lazy for modules with named exports: `lazyPage(() => import('./x-page.js'), (m) => m.XPage)`.
 * Each page becomes its own chunk, loaded when its route is first shown.
 */
export function lazyPage<M>(
  load: () => Promise<M>,
  pick: (module: M) => ComponentType,
): LazyExoticComponent<ComponentType> {
  return lazy(async () => ({ default: pick(await load()) }));
}
