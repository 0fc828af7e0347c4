/** Public door of the notifications module (站内通知). */
export { registerNotificationRoutes } from './notifications.routes.js';
export {
  deliverDue,
  type NewNotification,
  notify,
  notifyOperators,
  notifyOrganization,
  notifyRegionGovAdmins,
  queueDailyDigests,
  startEmailDelivery,
} from './notifications.service.js';
export { notifications } from './notifications.tables.js';
