import { apiRequest } from '../../../lib/api-client.js';
import type { Session } from '../types.js';

/** GET /api/auth/session: who is signed in, their CSRF token and `can` flags ({user:null} if nobody). */
export function getSession(signal?: AbortSignal): Promise<Session> {
  return apiRequest<Session>('/api/auth/session', { signal });
}
