import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db.js';
import { TRACE_KINDS, traceOf } from './trace.service.js';

const tags = ['trace'];

const TraceKindSchema = z.enum(TRACE_KINDS, '记录类型应为 demand、achievement、listing、deal、contract 或 subsidy');
export const TraceSchema = z.object({
  root: z.object({ kind: TraceKindSchema, id: z.string() }),
  nodes: z.array(
    z.object({ kind: TraceKindSchema, id: z.string(), title: z.string(), status: z.string(), statusLabel: z.string(), listingId: z.string().optional() }),
  ),
  edges: z.array(z.object({ from: z.string(), to: z.string() })),
  events: z.array(z.object({ at: z.string(), kind: TraceKindSchema, id: z.string(), label: z.string() })),
});

export function registerTraceRoutes(app: FastifyInstance, deps: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/trace/:kind/:id', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: '全流程追溯：需求 → 匹配 → 挂牌/成交 → 合同 → 补助，本人可见的记录与时间线',
      params: z.strictObject({ kind: TraceKindSchema, id: z.uuid('记录编号格式不正确') }),
      response: { 200: TraceSchema },
    },
  }, async (request) => traceOf(deps.db, request.actor, request.params.kind, request.params.id));
}
