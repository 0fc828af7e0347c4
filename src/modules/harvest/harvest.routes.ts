import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf, requireActor } from '../../platform/http/auth-hooks.js';
import { PageQuerySchema } from '../../platform/http/pagination.js';
import * as reg from './harvest.registry.js';
import * as s from './harvest.schemas.js';
import { type HarvestDeps, harvestPeer, mergeClusters, splitCluster } from './harvest.service.js';

const tags = ['harvest'];
const OPERATOR = { roles: ['operator'] } as const;

export function registerHarvestRoutes(app: FastifyInstance, deps: HarvestDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = deps.db;
  const ctx = (request: FastifyRequest) => ({ ...contextOf(request), actor: requireActor(request) });

  r.get('/api/harvest/peers', {
    config: { access: OPERATOR },
    schema: { tags, summary: '对接平台列表（状态、最近采集、记录数、错误）', querystring: PageQuerySchema, response: { 200: s.PeerPageSchema } },
  }, async (request) => reg.listPeers(db, request.query));

  r.post('/api/harvest/peers', {
    config: { access: OPERATOR },
    schema: { tags, summary: '登记对接平台（OAI-PMH 或科惠变更流）', body: s.CreatePeerSchema, response: { 201: s.PeerSchema } },
  }, async (request, reply) => reply.status(201).send(await reg.createPeer(db, ctx(request), request.body)));

  r.get('/api/harvest/peers/:id', {
    config: { access: OPERATOR },
    schema: { tags, summary: '对接平台详情', params: s.HarvestIdParamSchema, response: { 200: s.PeerSchema } },
  }, async (request) => reg.getPeer(db, request.params.id));

  r.patch('/api/harvest/peers/:id', {
    config: { access: OPERATOR },
    schema: { tags, summary: '修改对接平台（地址、集合、周期、凭据、启用）', params: s.HarvestIdParamSchema, body: s.UpdatePeerSchema, response: { 200: s.PeerSchema } },
  }, async (request) => reg.updatePeer(db, ctx(request), request.params.id, request.body));

  r.post('/api/harvest/peers/:id/harvest', {
    config: { access: OPERATOR },
    schema: {
      tags,
      summary: '立即采集（增量；full 为全量；失败的批次从中断处继续）',
      params: s.HarvestIdParamSchema,
      body: s.HarvestNowSchema,
      response: { 200: s.RunSchema, 202: z.object({ started: z.literal(true) }) },
    },
  }, async (request, reply) => {
    await reg.getPeer(db, request.params.id);
    const run = harvestPeer(deps, request.params.id, { full: request.body.full });
    if (request.body.wait) return reply.status(200).send(reg.presentRun((await run).run));
    run.catch((err: unknown) => request.log.error({ err }, 'harvest failed'));
    return reply.status(202).send({ started: true as const });
  });

  r.get('/api/harvest/runs', {
    config: { access: OPERATOR },
    schema: { tags, summary: '采集批次（状态、计数、错误、警告、续传点）', querystring: s.RunQuerySchema, response: { 200: s.RunPageSchema } },
  }, async (request) => reg.listRuns(db, request.query));

  r.get('/api/harvest/runs/:id', {
    config: { access: OPERATOR },
    schema: { tags, summary: '采集批次详情', params: s.HarvestIdParamSchema, response: { 200: s.RunSchema } },
  }, async (request) => reg.getRun(db, request.params.id));

  r.get('/api/harvest/records', {
    config: { access: OPERATOR },
    schema: { tags, summary: '采集记录（含来源）', querystring: s.RecordQuerySchema, response: { 200: s.HarvestedRecordPageSchema } },
  }, async (request) => reg.listHarvestedRecords(db, requireActor(request), request.query));

  r.get('/api/harvest/records/:id', {
    config: { access: 'public' },
    schema: { tags, summary: '采集记录及其来源（对方平台、标识符、时间戳；原始记录仅平台运营可见）', params: s.HarvestIdParamSchema, response: { 200: s.HarvestedRecordSchema } },
  }, async (request) => reg.getHarvestedRecord(db, request.actor, request.params.id));

  r.get('/api/harvest/clusters', {
    config: { access: OPERATOR },
    schema: { tags, summary: '重复成果聚类（每条来源）', querystring: PageQuerySchema, response: { 200: s.ClusterPageSchema } },
  }, async (request) => reg.listClusters(db, request.query));

  r.get('/api/harvest/clusters/:id', {
    config: { access: OPERATOR },
    schema: { tags, summary: '聚类详情', params: s.HarvestIdParamSchema, response: { 200: s.ClusterSchema } },
  }, async (request) => reg.getCluster(db, request.params.id));

  r.post('/api/harvest/clusters/:id/split', {
    config: { access: OPERATOR },
    schema: { tags, summary: '拆分聚类：所选记录另成一类', params: s.HarvestIdParamSchema, body: s.SplitClusterSchema, response: { 200: z.object({ clusterId: z.string(), newClusterId: z.string() }) } },
  }, async (request) => splitCluster(db, ctx(request), request.params.id, request.body.members));

  r.post('/api/harvest/clusters/:id/merge', {
    config: { access: OPERATOR },
    schema: { tags, summary: '合并聚类：另一聚类的记录并入本类', params: s.HarvestIdParamSchema, body: s.MergeClusterSchema, response: { 200: z.object({ clusterId: z.string(), moved: z.number() }) } },
  }, async (request) => mergeClusters(db, ctx(request), request.params.id, request.body.otherClusterId));
}
