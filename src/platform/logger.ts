import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify';
import type { Config } from './config.js';

/**
 * Structured logs (pino, as Fastify ships it). Secrets and personal contact data never reach the
 * log: cookies, tokens and passwords are redacted, and bodies are never logged.
 */
export function loggerOptions(config: Pick<Config, 'logLevel'>): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.newPassword',
        '*.currentPassword',
        '*.mobile',
        '*.email',
        '*.contactPhone',
        '*.contactEmail',
      ],
      censor: '[redacted]',
    },
  };
}

type Bindings = Parameters<FastifyBaseLogger['child']>[0];
type ChildOptions = NonNullable<Parameters<FastifyBaseLogger['child']>[1]>;
type LogArgs = Parameters<FastifyBaseLogger['info']>;
/** pino's levels, in the order of their numbers. */
const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
type Level = (typeof LEVELS)[number];

/**
 * A request's logger (one per request, bound to its id) that makes pino's child on its first use
 * at a level the parent logs. pino's child() serializes and redacts the bindings each time (~2 % of
 * the request thread's CPU under search load), and at the default level most requests log nothing.
 * One small object per request: the methods are the class's.
 */
class LazyChildLogger {
  private made: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
  ) {}

  get level(): string {
    return (this.made ?? this.parent).level;
  }

  set level(level: string) {
    this.real().level = level;
  }

  child(bindings: Bindings, options?: ChildOptions): FastifyBaseLogger {
    return this.real().child(bindings, options);
  }

  fatal(...args: LogArgs): void {
    this.log('fatal', args);
  }
  error(...args: LogArgs): void {
    this.log('error', args);
  }
  warn(...args: LogArgs): void {
    this.log('warn', args);
  }
  info(...args: LogArgs): void {
    this.log('info', args);
  }
  debug(...args: LogArgs): void {
    this.log('debug', args);
  }
  trace(...args: LogArgs): void {
    this.log('trace', args);
  }
  silent(): void {}

  private log(level: Level, args: LogArgs): void {
    // Below the parent's level pino's own method does nothing: no child is needed for that.
    if (!this.made && LEVELS.indexOf(level) < rankOf(this.parent.level)) return;
    this.real()[level](...args);
  }

  private real(): FastifyBaseLogger {
    if (!this.made) this.made = this.parent.child(this.bindings);
    return this.made;
  }
}

/** A level's rank in {@link LEVELS}; 'silent' (or any other name) is above them all. */
function rankOf(level: string): number {
  const rank = (LEVELS as readonly string[]).indexOf(level);
  return rank < 0 ? LEVELS.length : rank;
}

/**
 * Fastify's `childLoggerFactory`: see {@link LazyChildLogger}. A route with its own log level or
 * serializers gets pino's child at once.
 */
export function lazyChildLogger(logger: FastifyBaseLogger, bindings: Bindings, opts: ChildOptions): FastifyBaseLogger {
  if (Object.keys(opts).length > 0) return logger.child(bindings, opts);
  return new LazyChildLogger(logger, bindings) as unknown as FastifyBaseLogger;
}
