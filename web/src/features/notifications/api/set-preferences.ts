import { apiRequest } from '../../../lib/api-client.js';
import type { NotificationPreferences, PreferencesInput } from '../types.js';

/** PUT /api/notifications/preferences: 即时 (instant), 每日摘要 (daily) or 关闭 (off). */
export function setPreferences(input: PreferencesInput): Promise<NotificationPreferences> {
  return apiRequest<NotificationPreferences>('/api/notifications/preferences', { method: 'PUT', body: input });
}
