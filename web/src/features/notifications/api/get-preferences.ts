import { apiRequest } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { NotificationPreferences } from '../types.js';

/** GET /api/notifications/preferences: how the caller gets e-mail notices, and whether an address is on file. */
export function getPreferences(signal?: AbortSignal): Promise<NotificationPreferences> {
  return apiRequest<NotificationPreferences>('/api/notifications/preferences', { signal });
}

export function usePreferences() {
  return useApiQuery('/api/notifications/preferences', getPreferences);
}
