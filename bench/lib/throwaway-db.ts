import pg from 'pg';

/**
 * Runs `fn` against a fresh database on the PostgreSQL server of DATABASE_URL and drops it after;
 * prints that PostgreSQL was skipped when DATABASE_URL is unset.
 */
export async function withThrowawayDatabase(prefix: string, fn: (url: string) => Promise<void>): Promise<void> {
  if (!process.env.DATABASE_URL) {
    console.log('PostgreSQL: skipped (set DATABASE_URL to a server to measure it)');
    return;
  }
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  const name = `${prefix}_${Date.now()}`;
  await admin.query(`create database ${name}`);
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  try {
    await fn(url.toString());
  } finally {
    await admin.query(`drop database ${name} with (force)`);
    await admin.end();
  }
}
