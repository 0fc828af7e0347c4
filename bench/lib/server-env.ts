/**
 * The environment of a server a benchmark starts: this process's environment without
 * DATABASE_URL (which only names the PostgreSQL server to make throwaway databases on), plus
 * `extra`. Without this, the "PGlite" run of a benchmark started with DATABASE_URL set would
 * silently measure a server on that PostgreSQL database instead.
 */
export function serverEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  return { ...env, ...extra };
}

/**
 * How a benchmark starts the server: as `npm start` does (package.json), with the same Node flags.
 * `--max-semi-space-size=64`: a young generation of 64 MB instead of 16 MB. The server allocates
 * a lot of short-lived objects per request; with the default, scavenges ran several times a second
 * and promoted request garbage, and the old-generation collections that followed paused the event
 * loop 15–40 ms (bench:auction's p99 bid latency: 101 → 72 ms with it, in one paired run).
 * `--no-allocation-site-pretenuring`: V8 otherwise watches where objects are made and, when most of
 * one place's objects outlive a young-generation collection, makes that place's objects in the old
 * generation from then on. Under load that judgement fell on objects that live as long as a request
 * (a few milliseconds, but 50 connections keep many in flight; health checks alone did it): the old
 * generation then grew by ~70 MB/s of dead requests, each scavenge took ~20 ms instead of ~3, and the
 * server stayed in that state until it was restarted, at about two thirds of its health throughput
 * and 60–85 % of its search throughput. Whether it happened depended on the first seconds of load
 * (`bench:search:load --first-repeated 8` shows it; measured 2026-11-30, search README).
 */
export const SERVER_ARGS = ['--max-semi-space-size=64', '--no-allocation-site-pretenuring', '--import', 'tsx', 'src/main.ts'];
