import { apiRequest } from '../../../lib/api-client.js';

/** POST /api/notifications/read: the given notices, or (no ids) all of them, become read. */
export function markNotificationsRead(ids?: string[]): Promise<{ changed: number }> {
  return apiRequest<{ changed: number }>('/api/notifications/read', { method: 'POST', body: ids ? { ids } : {} });
}
