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
 */
export const SERVER_ARGS = ['--max-semi-space-size=64', '--import', 'tsx', 'src/main.ts'];
