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
type LogMethod = (...args: unknown[]) => void;
/** pino's levels, in the order of their numbers. */
const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
const noop = () => undefined;
/** A level's rank in {@link LEVELS}; 'silent' (or any other name) is above them all. */
const rankOf = (level: string) => {
  const rank = (LEVELS as readonly string[]).indexOf(level);
  return rank < 0 ? LEVELS.length : rank;
};

/**
 * Fastify's `childLoggerFactory`: the request's logger (one per request, bound to its id) is made
 * on its first use at a level the parent logs. pino's child() serializes and redacts the bindings
 * each time (~2 % of the request thread's CPU under search load), and at the default level most
 * requests log nothing. A route with its own log level or serializers gets its child at once.
 */
export function lazyChildLogger(logger: FastifyBaseLogger, bindings: Bindings, opts: ChildOptions): FastifyBaseLogger {
  if (Object.keys(opts).length > 0) return logger.child(bindings, opts);
  let child: FastifyBaseLogger | undefined;
  const real = () => (child ??= logger.child(bindings, opts));
  const lazy = {
    get level() {
      return (child ?? logger).level;
    },
    set level(level: string) {
      real().level = level;
    },
    silent: noop,
    child: (more: Bindings, moreOpts?: ChildOptions) => real().child(more, moreOpts),
  } as unknown as FastifyBaseLogger & Record<(typeof LEVELS)[number], LogMethod>;
  LEVELS.forEach((level, rank) => {
    lazy[level] = (...args: unknown[]) => {
      // Below the parent's level pino's own method does nothing; no child is needed for that.
      if (!child && rank < rankOf(logger.level)) return;
      (real()[level] as LogMethod)(...args);
    };
  });
  return lazy;
}
