import type { FastifyServerOptions } from 'fastify';
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
