import { apiRequest } from '../../../lib/api-client.js';
import type { AuctionBidder, AuctionLot, AuctionLotDetail, AuctionSession, BidResult } from '../types.js';

const lotPost = <T>(id: string, action: string, body?: unknown) => apiRequest<T>(`/api/auctions/lots/${encodeURIComponent(id)}/${action}`, { method: 'POST', body: body ?? {} });

/** POST /api/auctions/lots/:id/register: 报名竞买。 */
export const registerForLot = (id: string) => lotPost<AuctionLotDetail>(id, 'register');
/** POST /api/auctions/lots/:id/bids: 出价（幂等键由调用方生成，重试时不变）。 */
export const placeBid = (id: string, amount: string, idempotencyKey: string) => lotPost<BidResult>(id, 'bids', { amount, idempotencyKey });
/** POST /api/auctions/lots/:id/pause */
export const pauseLot = (id: string, reason: string) => lotPost<AuctionLotDetail>(id, 'pause', { reason });
/** POST /api/auctions/lots/:id/resume */
export const resumeLot = (id: string) => lotPost<AuctionLotDetail>(id, 'resume');
/** POST /api/auctions/lots/:id/default: 买受人违约。 */
export const declareDefault = (id: string, reason: string) => lotPost<AuctionLotDetail>(id, 'default', { reason });

/** POST /api/auctions/sessions */
export const createSession = (body: { title: string; kind: 'industry' | 'region'; industry?: string; regionCode?: string; description?: string }) =>
  apiRequest<AuctionSession>('/api/auctions/sessions', { method: 'POST', body });

export interface CreateLotInput {
  achievementId: string;
  startPrice: string;
  increment: string;
  reserve?: string;
  deposit: string;
  startsAt: string;
  freeMinutes: number;
  delayMinutes: number;
  latestEndAt?: string;
}
/** POST /api/auctions/sessions/:id/lots */
export const createLot = (sessionId: string, body: CreateLotInput) => apiRequest<AuctionLot>(`/api/auctions/sessions/${encodeURIComponent(sessionId)}/lots`, { method: 'POST', body });

/** POST /api/auctions/bidders/:id/confirm-deposit */
export const confirmDeposit = (bidderId: string, paymentReference: string) =>
  apiRequest<AuctionBidder>(`/api/auctions/bidders/${encodeURIComponent(bidderId)}/confirm-deposit`, { method: 'POST', body: { paymentReference } });
/** POST /api/auctions/bidders/:id/refund */
export const markRefunded = (bidderId: string, refundReference: string) =>
  apiRequest<AuctionBidder>(`/api/auctions/bidders/${encodeURIComponent(bidderId)}/refund`, { method: 'POST', body: { refundReference } });
