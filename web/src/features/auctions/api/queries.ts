import { apiRequest, type Page } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { AuctionBidder, AuctionLotDetail, AuctionSession, LedgerEntry, Registration, VerifyResult } from '../types.js';

/** GET /api/auctions/sessions?phase= */
export function useAuctionSessions(phase: string, page: number) {
  const key = `/api/auctions/sessions?phase=${phase}&page=${page}`;
  return useApiQuery(key, (signal) => apiRequest<Page<AuctionSession>>('/api/auctions/sessions', { query: { phase, page, pageSize: 10 }, signal }));
}

/** GET /api/auctions/lots/:id */
export function useAuctionLot(id: string | undefined) {
  return useApiQuery(id ? `/api/auctions/lots/${id}` : null, (signal) => apiRequest<AuctionLotDetail>(`/api/auctions/lots/${encodeURIComponent(id ?? '')}`, { signal }));
}

/** GET /api/auctions/lots/:id/ledger */
export function useAuctionLedger(id: string | undefined, generation: number) {
  return useApiQuery(id ? `/api/auctions/lots/${id}/ledger#${generation}` : null, (signal) => apiRequest<Page<LedgerEntry>>(`/api/auctions/lots/${encodeURIComponent(id ?? '')}/ledger`, { signal }));
}

/** GET /api/auctions/lots/:id/verify */
export const verifyAuctionLot = (id: string) => apiRequest<VerifyResult>(`/api/auctions/lots/${encodeURIComponent(id)}/verify`);

/** GET /api/auctions/mine */
export function useMyRegistrations(page: number) {
  return useApiQuery(`/api/auctions/mine?page=${page}`, (signal) => apiRequest<Page<Registration>>('/api/auctions/mine', { query: { page, pageSize: 20 }, signal }));
}

/** GET /api/auctions/deposits?status= */
export function useDeposits(status: 'pending' | 'released', page: number) {
  return useApiQuery(`/api/auctions/deposits?status=${status}&page=${page}`, (signal) =>
    apiRequest<Page<AuctionBidder>>('/api/auctions/deposits', { query: { status, page, pageSize: 20 }, signal }),
  );
}

/** GET /api/auctions/lots/:id/bidders */
export function useLotBidders(id: string | undefined) {
  return useApiQuery(id ? `/api/auctions/lots/${id}/bidders` : null, (signal) => apiRequest<Page<AuctionBidder>>(`/api/auctions/lots/${encodeURIComponent(id ?? '')}/bidders`, { signal }));
}
