/** Types of the auctions API (src/modules/auctions/auctions.schemas.ts). */
export interface AuctionLot {
  id: string;
  sessionId: string;
  achievementId: string;
  title: string;
  owner: { id: string; name: string };
  regionCode: string;
  startPriceFen: number;
  incrementFen: number;
  depositFen: number;
  reserveFen: number | null;
  startsAt: string;
  freeEndsAt: string;
  delayMinutes: number;
  latestEndAt: string | null;
  status: string;
  phase: 'upcoming' | 'live' | 'paused' | 'closed';
  phaseLabel: string;
  pauseReason: string | null;
  priceFen: number | null;
  leaderPaddle: number | null;
  minimumBidFen: number;
  endsAt: string;
  endsAtMs: number;
  serverNowMs: number;
  bidCount: number;
  extensions: number;
  lastSeq: number;
  result: string | null;
  resultLabel: string | null;
  closedAt: string | null;
  allowedActions: string[];
}

export interface MyBidder {
  id: string;
  depositStatus: string;
  depositStatusLabel: string;
  paddle: number | null;
  suspended: boolean;
  refundDueOn: string | null;
}

export interface BidHistoryItem {
  seq: number;
  paddle: number;
  amountFen: number;
  at: string;
  extended: boolean;
}

export interface AuctionLotDetail extends AuctionLot {
  session: { id: string; title: string; kind: string };
  history: BidHistoryItem[];
  myBidder: MyBidder | null;
  dealResult: {
    id: string;
    status: string;
    statusLabel: string;
    paddle: number;
    priceFen: number;
    price: string;
    confirmationNumber: string;
    noticeStart: string;
    noticeEnd: string;
    contractId: string | null;
    buyer: { id: string; name: string } | null;
  } | null;
}

export interface AuctionSession {
  id: string;
  title: string;
  kind: string;
  kindLabel: string;
  industry: string | null;
  regionCode: string | null;
  description: string;
  phase: string;
  phaseLabel: string;
  firstStart: string | null;
  lastEnd: string | null;
  lotCount: number;
  lots: AuctionLot[];
}

export interface AuctionBidder {
  id: string;
  lotId: string;
  lotTitle: string;
  organization: { id: string; name: string };
  depositFen: number;
  depositStatus: string;
  depositStatusLabel: string;
  paymentReference: string | null;
  paddle: number | null;
  refundDueOn: string | null;
  refundedAt: string | null;
  refundReference: string | null;
  isRefundOverdue: boolean;
  suspended: boolean;
  suspendedReason: string | null;
  createdAt: string;
}

export interface Registration {
  bidder: MyBidder & { depositFen: number; createdAt: string };
  lot: AuctionLot;
  isWinner: boolean;
}

export interface LedgerEntry {
  seq: number;
  kind: 'bid' | 'pause' | 'resume' | 'close';
  paddle: number | null;
  amountFen: number | null;
  at: string;
  atMs: number;
  endsAtMs: number;
  extended: boolean;
  note: string | null;
  prevHash: string;
  hash: string;
}

export interface VerifyResult {
  ok: boolean;
  entries: number;
  lastHash: string | null;
  brokenSeq: number | null;
  reason: string | null;
  replay: { ok: boolean; priceFen: number | null; leaderPaddle: number | null; endsAtMs: number; result: string | null; matchesStored: boolean; mismatch: string | null };
  checkedAt: string;
}

export interface BidResult {
  accepted: true;
  replayed: boolean;
  seq: number;
  paddle: number;
  amountFen: number;
  amount: string;
  at: string;
  endsAt: string;
  extended: boolean;
}

/** Yuan with thousands separators from exact fen: 12345678 → "123,456.78". */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  const s = String(Math.abs(fen)).padStart(3, '0');
  return `${fen < 0 ? '-' : ''}${s.slice(0, -2).replace(/\B(?=(\d{3})+$)/g, ',')}.${s.slice(-2)}`;
}

/** Fen as a plain yuan string for the bid box ("101000.00"). */
export function fenToInput(fen: number): string {
  const s = String(fen).padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}
