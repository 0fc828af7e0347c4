import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contentDisposition } from '../../platform/http/content-disposition.js';
import { contextOf, requireActor } from '../../platform/http/auth-hooks.js';
import { PageQuerySchema } from '../../platform/http/pagination.js';
import { entryMessage, sseMessage, type Watcher } from './auction-live.js';
import { entryOf, eventOfRow } from './auction-present.js';
import * as q from './auctions.queries.js';
import type { AuctionsRuntime } from './auctions.runtime.js';
import * as s from './auctions.schemas.js';
import * as svc from './auctions.service.js';
import { placeBid } from './place-bid.js';

/**
 * Coarse gates per route (config.access); the service decides on the record (policy). The public
 * watches sessions, lots, the ledger and the live stream; members of verified organizations
 * register and bid; the operator runs the auction.
 */
const OPERATOR = { roles: ['operator'] } as const;
const MEMBERS = { roles: ['org_admin', 'org_member'] } as const;
const tags = ['auctions'];
const Detail = { 200: s.LotDetailSchema };

/** The origin the browser used, for the confirmation's verification link when KEHUI_PUBLIC_URL is unset. */
const originOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

export function registerAuctionRoutes(app: FastifyInstance, rt: AuctionsRuntime, opts: { publicUrl?: string | undefined } = {}) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/auctions/sessions', {
    config: { access: 'public' },
    schema: { tags, summary: '网上拍卖会：即将开拍、正在竞价、已结束的专场及其标的', querystring: s.SessionListQuerySchema, response: { 200: s.SessionPageSchema } },
  }, async (request) => svc.listSessions(rt, request.actor, request.query));

  r.get('/api/auctions/sessions/:id', {
    config: { access: 'public' },
    schema: { tags, summary: '拍卖专场详情（含标的）', params: s.IdParamSchema, response: { 200: s.SessionOutSchema } },
  }, async (request) => svc.getSession(rt, request.actor, request.params.id));

  r.post('/api/auctions/sessions', {
    config: { access: OPERATOR },
    schema: { tags, summary: '创建拍卖专场（行业或地区，平台运营）', body: s.CreateSessionSchema, response: { 201: s.SessionOutSchema } },
  }, async (request, reply) => reply.status(201).send(await svc.createSession(rt, contextOf(request), request.body)));

  r.post('/api/auctions/sessions/:id/lots', {
    config: { access: OPERATOR },
    schema: { tags, summary: '添加拍卖标的：已发布成果、起拍价、加价幅度、保留价、保证金、竞价时间（平台运营）', params: s.IdParamSchema, body: s.CreateLotSchema, response: { 201: s.LotOutSchema } },
  }, async (request, reply) => reply.status(201).send(await svc.createLot(rt, contextOf(request), request.params.id, request.body)));

  r.get('/api/auctions/lots/:id', {
    config: { access: 'public' },
    schema: { tags, summary: '标的详情：当前价、剩余时间、出价记录（仅竞买号）、本单位报名状态', params: s.IdParamSchema, response: Detail },
  }, async (request) => svc.getLot(rt, request.actor, request.params.id));

  r.get('/api/auctions/lots/:id/ledger', {
    config: { access: 'public' },
    schema: { tags, summary: '出价记录账本（哈希链，仅竞买号）', params: s.IdParamSchema, querystring: s.LedgerQuerySchema, response: { 200: z.object({ items: z.array(s.LedgerEntrySchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }) } },
  }, async (request) => svc.getLedger(rt, request.params.id, request.query.afterSeq));

  r.get('/api/auctions/lots/:id/verify', {
    config: { access: 'public' },
    schema: { tags, summary: '核验：重新计算哈希链并重放出价，结果应与公布的一致', params: s.IdParamSchema, response: { 200: s.VerifyOutSchema } },
  }, async (request) => svc.verifyLot(rt.db, request.params.id));

  r.get('/api/auctions/lots/:id/events', {
    config: { access: 'public' },
    schema: { tags, summary: '实时竞价（Server-Sent Events：snapshot、bid、pause、resume、close；Last-Event-ID 续传）', params: s.IdParamSchema, querystring: s.EventsQuerySchema },
  }, async (request, reply) => {
    const lotId = request.params.id;
    const first = await svc.lotSnapshot(rt, lotId);
    const header = request.headers['last-event-id'];
    const resume = typeof header === 'string' && /^\d+$/.test(header) ? Number(header) : request.query.lastEventId;
    reply.hijack();
    const res = reply.raw;
    // The stream is the rest of the connection (ended by closing it) rather than chunked: every
    // event then goes to the socket as is, one write of the buffer the hub encoded once for all
    // watchers, without the per-write framing and cork/uncork of res.write. With a thousand
    // watchers those writes were a quarter of the server's time in bench:auction.
    res.useChunkedEncodingByDefault = false;
    res.shouldKeepAlive = false;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
      'x-request-id': request.id,
    });
    res.flushHeaders();
    const socket = res.socket;
    let ended = false;
    let unsubscribe: (() => void) | null = null;
    const w: Watcher = {
      seq: 0,
      write: (chunk) => {
        if (!ended && socket && !socket.destroyed) socket.write(chunk);
      },
      end: () => {
        if (!ended) {
          ended = true;
          res.end();
        }
        unsubscribe?.();
      },
    };
    request.raw.on('close', () => {
      ended = true;
      unsubscribe?.();
    });
    let closed = false;
    unsubscribe = await rt.hub.subscribe(lotId, w, async () => {
      const snap = await svc.lotSnapshot(rt, lotId);
      // A client that reconnects gets what it missed from the ledger, then the current state.
      if (resume !== undefined && resume < snap.lot.lastSeq) {
        const rows = await q.selectLedger(rt.db, lotId, resume, snap.lot.lastSeq - resume);
        w.write(rows.map((row) => entryMessage(entryOf(eventOfRow(row)))).join(''));
      }
      w.write(sseMessage('snapshot', snap.out));
      closed = snap.lot.status === 'closed';
      return snap.lot.lastSeq;
    });
    if (ended) unsubscribe();
    else if (closed) w.end();
    else if (first.lot.status === 'active') rt.scheduleClose(lotId, first.lot.endsAt.getTime());
  });

  r.post('/api/auctions/lots/:id/register', {
    config: { access: MEMBERS },
    schema: { tags, summary: '报名竞买（已认证机构；保证金由平台确认后获得竞买号）', params: s.IdParamSchema, response: { 201: s.LotDetailSchema } },
  }, async (request, reply) => reply.status(201).send(await svc.registerBidder(rt, contextOf(request), request.params.id)));

  r.post('/api/auctions/lots/:id/bids', {
    config: { access: MEMBERS },
    schema: {
      tags,
      summary: '出价：起拍价加整数倍加价幅度且高于当前价；幂等键重复时返回首次结果；以服务器时间为准',
      params: s.IdParamSchema,
      body: s.PlaceBidSchema,
      response: { 201: s.BidResultSchema, 200: s.BidResultSchema },
    },
  }, async (request, reply) => {
    const out = await placeBid(rt, contextOf(request), request.params.id, request.body);
    return reply.status(out.replayed ? 200 : 201).send(out);
  });

  r.get('/api/auctions/lots/:id/bidders', {
    config: { access: OPERATOR },
    schema: { tags, summary: '标的的竞买报名与保证金（平台运营）', params: s.IdParamSchema, response: { 200: s.BidderPageSchema } },
  }, async (request) => svc.listBidders(rt, request.params.id));

  r.post('/api/auctions/lots/:id/pause', {
    config: { access: OPERATOR },
    schema: { tags, summary: '暂停竞价（附理由；恢复后结束时间顺延暂停时长）', params: s.IdParamSchema, body: s.ReasonSchema, response: Detail },
  }, async (request) => svc.pauseAuction(rt, contextOf(request), request.params.id, request.body));

  r.post('/api/auctions/lots/:id/resume', {
    config: { access: OPERATOR },
    schema: { tags, summary: '恢复竞价', params: s.IdParamSchema, response: Detail },
  }, async (request) => svc.resumeAuction(rt, contextOf(request), request.params.id));

  r.post('/api/auctions/lots/:id/default', {
    config: { access: OPERATOR },
    schema: { tags, summary: '登记买受人违约：保证金不予退还，暂停其竞买资格', params: s.IdParamSchema, body: s.ReasonSchema, response: Detail },
  }, async (request) => svc.declareDefault(rt, contextOf(request), request.params.id, request.body));

  r.get('/api/auctions/lots/:id/confirmation.pdf', {
    config: { access: 'signed_in' },
    schema: { tags, summary: '成交确认书（PDF；买受人、成果所属单位、平台运营）', params: s.IdParamSchema },
  }, async (request, reply) => {
    const c = await svc.confirmationPdf(rt, request.actor, request.params.id, opts.publicUrl ?? originOf(request));
    return reply.type('application/pdf').header('content-disposition', contentDisposition('attachment', c.fileName, 'confirmation.pdf')).header('x-content-type-options', 'nosniff').send(c.pdf);
  });

  r.get('/api/auctions/mine', {
    config: { access: MEMBERS },
    schema: { tags, summary: '竞买人控制台：本单位的报名、保证金、竞买号与结果', querystring: PageQuerySchema.strict(), response: { 200: s.RegistrationPageSchema } },
  }, async (request) => svc.myRegistrations(rt, requireActor(request), request.query));

  r.get('/api/auctions/deposits', {
    config: { access: OPERATOR },
    schema: { tags, summary: '保证金：待确认，或待退还（按应退日期，标出逾期）', querystring: s.DepositQuerySchema, response: { 200: s.BidderPageSchema } },
  }, async (request) => svc.listDeposits(rt, request.query));

  r.post('/api/auctions/bidders/:id/confirm-deposit', {
    config: { access: OPERATOR },
    schema: { tags, summary: '确认保证金到账（登记付款凭证号），分配竞买号', params: s.IdParamSchema, body: s.ReferenceSchema, response: { 200: s.BidderOutSchema } },
  }, async (request) => svc.confirmDeposit(rt, contextOf(request), request.params.id, request.body));

  r.post('/api/auctions/bidders/:id/refund', {
    config: { access: OPERATOR },
    schema: { tags, summary: '登记保证金已退还（退款凭证号）', params: s.IdParamSchema, body: s.RefundSchema, response: { 200: s.BidderOutSchema } },
  }, async (request) => svc.markRefunded(rt, contextOf(request), request.params.id, request.body));
}
