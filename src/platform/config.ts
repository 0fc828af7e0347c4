import { availableParallelism } from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/**
 * Configuration is read and validated once, here; nothing else reads process.env.
 * See the configuration table in README.md.
 */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  SESSION_SECRET: z.string().min(32).optional(),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(24 * 7),
  /** How long a process reuses a resolved session (ms); 0 asks the database on every request. */
  KEHUI_SESSION_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
  KEHUI_DEMO: z.enum(['0', '1']).default('1'),
  /** Search replicas (worker threads with a copy of the index); default: one per core beyond the first, at most 2. */
  KEHUI_SEARCH_THREADS: z.coerce.number().int().min(0).max(16).optional(),
  KEHUI_ADMIN_EMAIL: z.string().email().default('admin@kehui.example.cn'),
  KEHUI_PUBLIC_URL: z.string().url().optional(),
  /** CJK font for generated PDFs (contract registration certificates). */
  KEHUI_PDF_FONT: z.string().default('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'),
  TRUST_PROXY: z.enum(['0', '1']).default('0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SMTP_HOST: z.string().optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(25),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  SMTP_FROM: z.string().default('科惠平台 <noreply@kehui.example.cn>'),
  SMTP_SECURE: z.enum(['0', '1']).default('0'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** From SESSION_SECRET; when unset the persisted one is used (see platform/settings.ts). */
  sessionSecret: string | undefined;
  sessionTtlHours: number;
  /** See KEHUI_SESSION_CACHE_MS and docs/adr/0007-session-cache.md. */
  sessionCacheMs: number;
  demoData: boolean;
  /** See KEHUI_SEARCH_THREADS and docs/adr/0009-search-replicas.md. */
  searchThreads: number;
  adminEmail: string;
  publicUrl: string | undefined;
  /** Font file (TTF/TTC with CJK glyphs) for generated PDFs. */
  pdfFont: string;
  trustProxy: boolean;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  smtp: {
    host: string | undefined;
    port: number;
    user: string | undefined;
    password: string | undefined;
    from: string;
    secure: boolean;
  };
}

/** Reads and validates the environment. Throws with every bad variable named. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`配置无效 (invalid configuration):\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    sessionSecret: e.SESSION_SECRET,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    sessionCacheMs: e.KEHUI_SESSION_CACHE_MS,
    demoData: e.KEHUI_DEMO === '1',
    searchThreads: e.KEHUI_SEARCH_THREADS ?? Math.max(0, Math.min(2, availableParallelism() - 1)),
    adminEmail: e.KEHUI_ADMIN_EMAIL,
    publicUrl: e.KEHUI_PUBLIC_URL,
    pdfFont: e.KEHUI_PDF_FONT,
    trustProxy: e.TRUST_PROXY === '1',
    logLevel: e.LOG_LEVEL,
    smtp: {
      host: e.SMTP_HOST,
      port: e.SMTP_PORT,
      user: e.SMTP_USER,
      password: e.SMTP_PASSWORD,
      from: e.SMTP_FROM,
      secure: e.SMTP_SECURE === '1',
    },
  };
}
