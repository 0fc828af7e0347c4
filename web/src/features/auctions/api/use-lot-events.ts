import { useEffect, useRef, useState } from 'react';
import type { AuctionLot, BidHistoryItem } from '../types.js';

export interface LiveLot {
  priceFen: number | null;
  leaderPaddle: number | null;
  minimumBidFen: number;
  endsAtMs: number;
  phase: AuctionLot['phase'];
  pauseReason: string | null;
  result: string | null;
  bidCount: number;
  extensions: number;
  /** Server clock minus the browser's, so the countdown follows the server. */
  clockOffsetMs: number;
  history: BidHistoryItem[];
  connected: boolean;
}

interface EntryData {
  seq: number;
  kind: string;
  paddle: number | null;
  amountFen: number | null;
  atMs: number;
  endsAtMs: number;
  extended: boolean;
  note: string | null;
}

/**
 * GET /api/auctions/lots/:id/events (Server-Sent Events): the live price, leader, end and history.
 * The browser's EventSource reconnects by itself and sends Last-Event-ID, so nothing is missed.
 */
export function useLotEvents(lot: (AuctionLot & { history: BidHistoryItem[] }) | undefined): LiveLot | undefined {
  const [live, setLive] = useState<LiveLot | undefined>(undefined);
  const incrementRef = useRef(0);
  const lotId = lot?.id;
  // A fresh detail (first load, a reload after registering) resets the view; the stream goes on.
  useEffect(() => {
    if (!lot) return;
    incrementRef.current = lot.incrementFen;
    setLive({
      priceFen: lot.priceFen,
      leaderPaddle: lot.leaderPaddle,
      minimumBidFen: lot.minimumBidFen,
      endsAtMs: lot.endsAtMs,
      phase: lot.phase,
      pauseReason: lot.pauseReason,
      result: lot.result,
      bidCount: lot.bidCount,
      extensions: lot.extensions,
      clockOffsetMs: lot.serverNowMs - Date.now(),
      history: lot.history,
      connected: false,
    });
  }, [lot]);

  useEffect(() => {
    if (!lotId) return;
    const source = new EventSource(`/api/auctions/lots/${encodeURIComponent(lotId)}/events`);
    source.addEventListener('open', () => setLive((l) => (l ? { ...l, connected: true } : l)));
    source.addEventListener('error', () => setLive((l) => (l ? { ...l, connected: false } : l)));
    source.addEventListener('snapshot', (ev) => {
      const s = JSON.parse((ev as MessageEvent<string>).data) as AuctionLot;
      setLive((l) =>
        l
          ? {
              ...l,
              priceFen: s.priceFen,
              leaderPaddle: s.leaderPaddle,
              minimumBidFen: s.minimumBidFen,
              endsAtMs: s.endsAtMs,
              phase: s.phase,
              pauseReason: s.pauseReason,
              result: s.result,
              bidCount: s.bidCount,
              extensions: s.extensions,
              clockOffsetMs: s.serverNowMs - Date.now(),
              connected: true,
            }
          : l,
      );
      if (s.phase === 'closed') source.close();
    });
    const onEntry = (ev: Event) => {
      const e = JSON.parse((ev as MessageEvent<string>).data) as EntryData;
      setLive((l) => {
        if (!l) return l;
        if (e.kind === 'bid' && e.amountFen !== null && e.paddle !== null) {
          if (l.history.some((h) => h.seq === e.seq)) return l;
          const item = { seq: e.seq, paddle: e.paddle, amountFen: e.amountFen, at: new Date(e.atMs).toISOString(), extended: e.extended };
          return {
            ...l,
            priceFen: e.amountFen,
            leaderPaddle: e.paddle,
            minimumBidFen: e.amountFen + incrementRef.current,
            endsAtMs: e.endsAtMs,
            bidCount: l.bidCount + 1,
            extensions: l.extensions + (e.extended ? 1 : 0),
            history: [item, ...l.history].slice(0, 50),
          };
        }
        if (e.kind === 'pause') return { ...l, phase: 'paused', pauseReason: e.note };
        if (e.kind === 'resume') return { ...l, phase: 'live', pauseReason: null, endsAtMs: e.endsAtMs };
        if (e.kind === 'close') return { ...l, phase: 'closed', result: e.note };
        return l;
      });
      if (e.kind === 'close') source.close();
    };
    for (const kind of ['bid', 'pause', 'resume', 'close']) source.addEventListener(kind, onEntry);
    return () => source.close();
  }, [lotId]);

  return live;
}

/** Milliseconds left (server time), ticking every second. */
export function useTimeLeft(endsAtMs: number | undefined, offsetMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, []);
  return endsAtMs === undefined ? 0 : Math.max(0, endsAtMs - (now + offsetMs));
}

export function formatLeft(ms: number): string {
  const s = Math.ceil(ms / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return d > 0 ? `${d} 天 ${pad(h)}:${pad(m)}:${pad(sec)}` : `${pad(h)}:${pad(m)}:${pad(sec)}`;
}
