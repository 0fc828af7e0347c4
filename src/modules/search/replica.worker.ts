/**
 * A search replica: a worker thread holding its own copy of the index, built and changed from the
 * documents the request thread sends it (it never reads the database), answering GET /api/search
 * with the same bytes the request thread would write. See search.replicas.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { DocType } from './engine/search-index.js';
import {
  applyChanges,
  buildIndex,
  countKeyOf,
  FacetJson,
  type IndexInput,
  type IndexState,
  keptItems,
  labelKey,
  queryIndex,
  type SearchParams,
  writeAnswer,
  writtenAnswer,
} from './search.core.js';
import { AnswerRing } from './answer-ring.js';
import type { ReplicaReply, ReplicaRequest } from './search.replicas.js';

const port = parentPort;
if (!port) throw new Error('replica.worker.ts runs as a worker thread');

const shared = workerData as { done: SharedArrayBuffer; ring: SharedArrayBuffer };
/** Searches finished, shared with the request thread (it counts what is queued here without waiting for answers). */
const done = new Int32Array(shared.done);
/** Where answers go to the request thread (answer-ring.ts). */
const ring = new AnswerRing(shared.ring);

let state: (IndexState & { labels: Map<string, string>; facets: FacetJson; generation: number; types: DocType[] }) | null = null;
let next: (IndexInput & { labels: [string, string][]; types: DocType[] }) | null = null;

const reply = (m: ReplicaReply) => port.postMessage(m);

port.on('message', (m: ReplicaRequest) => {
  switch (m.kind) {
    case 'begin':
      next = { terms: m.terms, synonyms: m.synonyms, docs: [], labels: m.labels, types: m.types };
      return;
    case 'docs':
      if (next) for (const d of m.docs) next.docs.push(d);
      return;
    case 'end': {
      if (!next) return;
      const built = buildIndex(next);
      const labels = new Map(next.labels);
      const facets = new FacetJson((type, key, value) => labels.get(labelKey(type, key, value)) ?? value);
      state = { ...built, labels, facets, generation: -1, types: next.types };
      next = null;
      reply({ kind: 'built', docs: built.index.size() });
      return;
    }
    case 'apply':
      if (!state) return;
      applyChanges(state, m.docs, m.gone);
      for (const [k, v] of m.labels) state.labels.set(k, v);
      return;
    case 'generation':
      if (state) state.generation = m.generation;
      return;
    case 'search': {
      try {
        search(m.id, m.params);
      } finally {
        Atomics.add(done, 0, 1);
      }
      return;
    }
  }
});

/** Answers one search, or tells the request thread to (null) when it needs the database. */
function search(id: number, params: SearchParams) {
  if (!state) return reply({ kind: 'answer', id, answer: null });
  const found = queryIndex(state.index, state.types, params);
  const records = keptItems(state.payloads, found.result.hits.map((h) => h.id));
  // A list item not kept with the index comes from the database: the request thread answers.
  if (!records) return reply({ kind: 'answer', id, answer: null });
  const size = writeAnswer({ found, records, facets: state.facets, p: params });
  const slot = ring.reserve(size);
  if (slot) writtenAnswer().copy(ring.bytes, slot.at, 0, size);
  const meta = { generation: state.generation, countKey: countKeyOf(found.text, found.result.tokens) };
  // Without room in the ring (the request thread is behind), the answer goes in the message.
  reply({ kind: 'answer', id, answer: slot ? { ...meta, at: slot.at, length: size, advance: slot.advance } : { ...meta, body: writtenAnswer().toString('latin1', 0, size) } });
}
