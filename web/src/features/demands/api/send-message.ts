import { apiRequest } from '../../../lib/api-client.js';
import type { DemandDetail, MessageInput } from '../types.js';

/** POST /api/demands/:id/messages: 企业与认领方之间的留言。 */
export function sendMessage(id: string, input: MessageInput): Promise<DemandDetail> {
  return apiRequest<DemandDetail>(`/api/demands/${encodeURIComponent(id)}/messages`, { method: 'POST', body: input });
}
