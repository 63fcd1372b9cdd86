import pino, { type DestinationStream, type Logger } from 'pino';

// Anything shaped like a JWT (header.payload.signature, base64url) is a token and never reaches a log line.
const JWT = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.?[A-Za-z0-9_-]*/g;

/** Replaces token-like substrings; applied to every string a log line carries. */
export function scrubTokens(text: string): string {
  return text.replace(JWT, '[token]');
}

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubTokens(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { type: value.name, message: scrubTokens(value.message) };
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, depth + 1)]));
}

/** JSON logger (pino) that redacts credentials by key and by shape; `context` adds fields (trace ids) to every line. */
export function createLogger(level: string, destination?: DestinationStream, context?: () => Record<string, string>): Logger {
  return pino(
    {
      level,
      base: { service: 'reprocess-bot' },
      ...(context ? { mixin: context } : {}),
      redact: {
        paths: ['*.authorization', '*.Authorization', '*.token', '*.password', '*.clientSecret', '*.assertion'],
        censor: '[redacted]',
      },
      formatters: { log: (object) => scrub(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => scrub(a)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}

export type { Logger };
