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
