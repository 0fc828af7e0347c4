import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from './db.js';
import { platformSettings } from './settings.tables.js';

/**
 * The session secret when SESSION_SECRET is unset: generated on first start and kept in the database, so every
 * process on one PostgreSQL database (and every restart) signs sessions with the same secret.
 */
export async function persistedSessionSecret(db: Db): Promise<string> {
  await db
    .insert(platformSettings)
    .values({ key: 'session_secret', value: randomBytes(32).toString('base64url') })
    .onConflictDoNothing();
  const r = await db.select().from(platformSettings).where(eq(platformSettings.key, 'session_secret'));
  const value = r[0]?.value;
  if (!value) throw new Error('session secret missing after insert');
  return value;
}
