/**
 * Search replicas: worker threads that each hold a copy of the index and answer GET /api/search, so
 * that searches use more than the one core the request thread has (docs/adr/0009-search-replicas.md).
 * The request thread stays the index's owner: it reads the database, and sends each replica the
 * documents of every build and every change, in order, before any search that follows them; a
 * replica never reads the database (on PGlite it could not). A search goes to the replica with the
 * fewest queued searches, or is answered on the request thread when every replica has
 * {@link MAX_QUEUED} queued, is building, or has failed; an answer that needs the database (a list
 * item not kept with the index) is always made on the request thread. A replica that fails is
 * started again (after 1 s, doubling while it keeps failing, six times in a row at most) and rebuilt.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { AnswerRing } from './answer-ring.js';
import type { DocType } from './engine/search-index.js';
import type { IndexInput, SearchParams, SourceDoc } from './search.core.js';

/** Request thread → replica. Messages are handled in the order sent. */
export type ReplicaRequest =
  | { kind: 'begin'; terms: IndexInput['terms']; synonyms: string[][]; labels: [string, string][]; types: DocType[] }
  | { kind: 'docs'; docs: SourceDoc[] }
  | { kind: 'end' }
  | { kind: 'apply'; docs: SourceDoc[]; gone: string[]; labels: [string, string][] }
  | { kind: 'generation'; generation: number }
  | { kind: 'search'; id: number; params: SearchParams };

/** Replica → request thread. `answer` is null when the request thread must answer itself. */
export type ReplicaReply =
  | { kind: 'built'; docs: number }
  | { kind: 'answer'; id: number; answer: ({ generation: number; countKey: string } & ({ body: string } | { at: number; length: number; advance: number })) | null };

/**
 * A replica's answer: its serialized body (the JSON's UTF-8 bytes), the runtime generation it was
 * made at, its hot-search key. The waiting search calls `body` at once, in the first microtask
 * after the message (answer-ring.ts says why not in the message listener).
 */
export interface ReplicaAnswer {
  body: () => Buffer;
  generation: number;
  countKey: string;
}

export interface Replica {
  worker: Worker;
  /** Builds sent and not yet finished: searches wait for none of them (they go elsewhere). */
  builds: number;
  built: boolean;
  alive: boolean;
  /** Restarted after a failure and not yet sent a build: it gets no changes until it has one. */
  waiting: boolean;
  /** Searches sent, and (shared with the replica, which counts them as it finishes) searches done. */
  sent: number;
  done: Int32Array;
  /** The answers it writes for this thread to copy out (answer-ring.ts). */
  ring: AnswerRing;
  answered: number;
  /** Failures in a row (a replica that ran {@link STABLE_MS} starts again from one), and when it started. */
  failures: number;
  startedAt: number;
}

export interface Replicas {
  list: Replica[];
  pending: Map<number, { replica: Replica; resolve: (a: ReplicaAnswer | null) => void }>;
  nextId: number;
  log: { error(obj: object, msg?: string): void };
  restarts: Set<NodeJS.Timeout>;
  stopped: boolean;
}

/** A failed replica is started again after 1 s, then 2, 4, … up to a minute while it keeps failing (at most {@link MAX_FAILURES} times in a row). */
const RESTART_FIRST_MS = 1000;
const RESTART_MAX_MS = 60_000;
/** A replica that ran this long before failing is restarted as after a first failure. */
const STABLE_MS = 10 * 60_000;
/** Failures in a row after which a replica is not restarted any more. */
const MAX_FAILURES = 6;

/**
 * Searches a replica may have queued before the request thread answers the next one itself. The
 * replica counts the searches it has finished in shared memory: counting answers as the request
 * thread receives them made it answer most searches itself, since while it does one the replicas'
 * answers wait for it and their queues look full (bench:search:load, 100k: 1,216 q/s, 1,419 of
 * 24,328 searches answered by the replica). Eight rather than four: a search the request thread
 * makes itself holds up every other request meanwhile, and with searches ~0.3 ms a queue of eight is
 * still short (bench:search:load, 100k, PGlite: 4 → 3,747 q/s, p95 36.4 ms; 8 → 4,089 q/s, p95
 * 32.4 ms; 16 → 4,079 q/s, p95 32.2 ms).
 */
const MAX_QUEUED = 8;
/** Documents per message of a build (bounds the copy held while it is passed). */
const DOCS_PER_MESSAGE = 2000;

/**
 * The worker runs TypeScript as the rest of the server does (tsx). tsx's hooks must be registered
 * inside the worker before its module is loaded, hence the small bootstrap.
 */
function spawnWorker(done: SharedArrayBuffer, ring: AnswerRing): Worker {
  const api = createRequire(import.meta.url).resolve('tsx/package.json').replace(/package\.json$/, 'dist/esm/api/index.mjs');
  const entry = new URL('./replica.worker.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(pathToFileURL(api).href)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
  // A replica holds as much as the request thread's index: it gets the same heap limit.
  const heapMb = Math.round(getHeapStatistics().heap_size_limit / 1024 / 1024);
  return new Worker(code, {
    eval: true,
    // Only a CPU profile's options are passed on (`--cpu-prof` profiles each thread).
    execArgv: process.execArgv.filter((a) => a.startsWith('--cpu-prof')),
    name: 'search-replica',
    workerData: { done, ring: ring.shared },
    resourceLimits: { maxOldGenerationSizeMb: heapMb },
  });
}

export function startReplicas(count: number, log: Replicas['log']): Replicas | null {
  if (count <= 0) return null;
  const reps: Replicas = { list: [], pending: new Map(), nextId: 1, log, restarts: new Set(), stopped: false };
  for (let i = 0; i < count; i++) {
    const done = new SharedArrayBuffer(4);
    const ring = new AnswerRing();
    const replica: Replica = { worker: spawnWorker(done, ring), builds: 0, built: false, alive: true, waiting: false, sent: 0, done: new Int32Array(done), ring, answered: 0, failures: 0, startedAt: Date.now() };
    listen(reps, replica);
    reps.list.push(replica);
  }
  return reps;
}

/** Wires a replica's current worker; events of a worker it has since replaced are ignored. */
function listen(reps: Replicas, replica: Replica) {
  const worker = replica.worker;
  const fail = (err: unknown) => {
    if (replica.worker !== worker || !replica.alive) return;
    replica.alive = false;
    for (const [id, p] of reps.pending) {
      if (p.replica !== replica) continue;
      reps.pending.delete(id);
      p.resolve(null);
    }
    if (reps.stopped) return;
    replica.failures = Date.now() - replica.startedAt >= STABLE_MS ? 1 : replica.failures + 1;
    if (replica.failures > MAX_FAILURES) {
      // Each restart reads every record again: a replica that cannot stay up is left out.
      reps.log.error({ err, failures: replica.failures }, 'search replica failed again; it is not restarted, its searches are answered on the request thread');
      return;
    }
    const delayMs = Math.min(RESTART_MAX_MS, RESTART_FIRST_MS * 2 ** (replica.failures - 1));
    reps.log.error({ err, restartInMs: delayMs }, 'search replica failed; its searches are answered on the request thread until it is restarted and rebuilt');
    const timer = setTimeout(() => {
      reps.restarts.delete(timer);
      if (!reps.stopped) restart(reps, replica);
    }, delayMs);
    timer.unref();
    reps.restarts.add(timer);
  };
  worker.on('message', (m: ReplicaReply) => {
    if (replica.worker !== worker) return;
    if (m.kind === 'built') {
      replica.builds--;
      replica.built = true;
      return;
    }
    const a = m.answer;
    const p = reps.pending.get(m.id);
    if (!p) {
      // No search waits for it (the replica failed meanwhile): its space is freed all the same.
      if (a && !('body' in a)) replica.ring.take(a.at, a.length, a.advance);
      return;
    }
    const ring = replica.ring;
    const body = a ? ('body' in a ? () => Buffer.from(a.body, 'latin1') : () => ring.take(a.at, a.length, a.advance)) : null;
    reps.pending.delete(m.id);
    if (a) replica.answered++;
    p.resolve(a && body ? { body, generation: a.generation, countKey: a.countKey } : null);
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`search replica exited (${code})`)));
  // A replica never keeps the process alive (stopReplicas ends them when the server stops).
  worker.unref();
}

/** A new worker in a failed replica's place; it waits for a build ({@link replicasWaiting}). */
function restart(reps: Replicas, replica: Replica) {
  const done = new SharedArrayBuffer(4);
  const ring = new AnswerRing();
  Object.assign(replica, { worker: spawnWorker(done, ring), done: new Int32Array(done), ring, builds: 0, built: false, alive: true, waiting: true, sent: 0, startedAt: Date.now() });
  listen(reps, replica);
}

/** Whether a restarted replica waits for a build (the search runtime sends it one: search.service.ts). */
export function replicasWaiting(reps: Replicas): boolean {
  return reps.list.some((r) => r.alive && r.waiting);
}

function send(reps: Replicas, m: ReplicaRequest, to: readonly Replica[] = reps.list) {
  for (const r of to) if (r.alive && !r.waiting) r.worker.postMessage(m);
}

/**
 * A full build: every replica replaces its index with one built from these documents; with
 * `waitingOnly`, only the restarted replicas that wait for one. Returns the replicas it went to.
 */
export function loadReplicas(reps: Replicas, input: IndexInput & { labels: [string, string][]; types: DocType[] }, opts: { waitingOnly?: boolean } = {}): Replica[] {
  const to = reps.list.filter((r) => r.alive && (r.waiting || !opts.waitingOnly));
  for (const r of to) {
    r.builds++;
    r.waiting = false;
  }
  send(reps, { kind: 'begin', terms: input.terms, synonyms: input.synonyms, labels: input.labels, types: input.types }, to);
  for (let i = 0; i < input.docs.length; i += DOCS_PER_MESSAGE) send(reps, { kind: 'docs', docs: input.docs.slice(i, i + DOCS_PER_MESSAGE) }, to);
  send(reps, { kind: 'end' }, to);
  return to;
}

/** Changed documents and records no longer searchable, as the request thread applied them (to every replica, or to `to`). */
export function applyToReplicas(reps: Replicas, docs: SourceDoc[], gone: string[], labels: [string, string][], to?: readonly Replica[]): void {
  send(reps, { kind: 'apply', docs, gone, labels }, to);
}

/** The request thread's generation after a change: answers made after it carry it. */
export function replicaGeneration(reps: Replicas, generation: number, to?: readonly Replica[]): void {
  send(reps, { kind: 'generation', generation }, to);
}

/** A search on the least busy ready replica, or null when the request thread should answer it. */
export function searchOnReplica(reps: Replicas, params: SearchParams): Promise<ReplicaAnswer | null> | null {
  let best: Replica | null = null;
  let fewest = MAX_QUEUED;
  for (const r of reps.list) {
    if (!r.alive || !r.built || r.builds > 0) continue;
    const queued = r.sent - Atomics.load(r.done, 0);
    if (queued < fewest) {
      best = r;
      fewest = queued;
    }
  }
  if (!best) return null;
  const replica = best;
  const id = reps.nextId++;
  replica.sent++;
  return new Promise((resolve) => {
    reps.pending.set(id, { replica, resolve });
    replica.worker.postMessage({ kind: 'search', id, params } satisfies ReplicaRequest);
  });
}

/** Replicas started, ready (built and not rebuilding), and answers they gave. */
export function replicaStatus(reps: Replicas | null): { threads: number; ready: number; answered: number } {
  const list = reps?.list ?? [];
  return {
    threads: list.length,
    ready: list.filter((r) => r.alive && r.built && r.builds === 0).length,
    answered: list.reduce((n, r) => n + r.answered, 0),
  };
}

export async function stopReplicas(reps: Replicas | null): Promise<void> {
  if (!reps) return;
  reps.stopped = true;
  for (const timer of reps.restarts) clearTimeout(timer);
  reps.restarts.clear();
  for (const r of reps.list) r.alive = false;
  for (const p of reps.pending.values()) p.resolve(null);
  reps.pending.clear();
  await Promise.all(reps.list.map((r) => r.worker.terminate()));
}
