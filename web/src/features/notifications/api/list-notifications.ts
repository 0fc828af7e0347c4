import { apiRequest } from '../../../lib/api-client.js';
import type { NotificationPage } from '../types.js';

export interface ListNotificationsQuery {
  unread?: 'true' | 'false';
  page?: number;
  pageSize?: number;
}

/** GET /api/notifications: the caller's own notices, newest first, with the unread count. */
export function listNotifications(query: ListNotificationsQuery, signal?: AbortSignal): Promise<NotificationPage> {
  return apiRequest<NotificationPage>('/api/notifications', { query: { ...query }, signal });
}
