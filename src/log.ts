import nodeConsole from 'node:console';
import { format } from 'node:util';
import pino, { type DestinationStream, type Logger } from 'pino';

// Anything shaped like a JWT (header.payload.signature, base64url) is a token and never reaches a log line.
const JWT = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.?[A-Za-z0-9_-]*/g;
// No string a log line carries is longer: unauthenticated input reaches some lines and may be 256 KB.
const MAX_LOGGED_CHARS = 2_048;
/** How much of a field taken from a request (a path, an activity type) a log line shows. */
export const MAX_INPUT_LOGGED = 256;

/** Replaces token-like substrings; applied to every string a log line carries. */
export function scrubTokens(text: string): string {
  return text.replace(JWT, '[token]');
}

/** A request-supplied value as a log field: a string cut to {@link MAX_INPUT_LOGGED} characters (and how much was cut). */
export function forLog(value: unknown, max = MAX_INPUT_LOGGED): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length <= max ? text : `${text.slice(0, max)}…[${text.length - max} more characters]`;
}

function scrub(value: unknown, depth = 0): unknown {
  // Token scrubbing runs before the cut, so a token straddling the cut is still recognised.
  if (typeof value === 'string') return forLog(scrubTokens(value), MAX_LOGGED_CHARS);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { type: value.name, message: scrub(value.message, depth + 1) };
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, depth + 1)]));
}

/**
 * JSON logger (pino) that redacts credentials by key and by shape, and bounds every string it writes; `context` adds
 * fields (trace ids) to every line. Without a destination it writes to stdout and takes over the console, so the
 * process writes only JSON lines.
 */
export function createLogger(
  level: string,
  destination?: DestinationStream,
  context?: () => Record<string, string>,
): Logger {
  const log = pino(
    {
      level,
      base: { service: 'reprocess-bot' },
      ...(context ? { mixin: context } : {}),
      redact: {
        paths: ['*.authorization', '*.Authorization', '*.token', '*.password', '*.clientSecret', '*.assertion'],
        censor: '[redacted]',
      },
      // Every argument of a log call, once; the mixin adds only trace ids.
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => scrub(a)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
  if (!destination) routeConsole(log);
  return log;
}

const CONSOLE_LEVELS = {
  error: 'warn',
  warn: 'warn',
  log: 'info',
  info: 'info',
  debug: 'debug',
  trace: 'debug',
} as const;

/**
 * Sends what is printed with `console` through `log`, so the process writes one JSON object per line:
 * botframework-connector prints the channel's public key PEM and stack traces on every refused token, and Node
 * prints its warnings (restify's spdy dependency triggers a deprecation warning at load) with `console.error`.
 */
function routeConsole(log: Logger): void {
  const target = nodeConsole as unknown as Record<keyof typeof CONSOLE_LEVELS, (...args: unknown[]) => void>;
  for (const [method, level] of Object.entries(CONSOLE_LEVELS) as [
    keyof typeof CONSOLE_LEVELS,
    (typeof CONSOLE_LEVELS)[keyof typeof CONSOLE_LEVELS],
  ][]) {
    target[method] = (...args: unknown[]) => log[level]({ source: 'console' }, format(...args));
  }
}

export type { Logger };
