/** Public door of the trace module (全流程追溯). */
export { registerTraceRoutes } from './trace.routes.js';
