import { Writable } from 'node:stream';

/** Anything shaped like a JWT: a token that must never reach a log line. */
export const TOKEN_LIKE = /eyJ[A-Za-z0-9_-]{10,}/;

const KEEP_ERRORS = 50;
const KEEP_TOKENS = 20;
const KEEP_TAIL = 500;

/**
 * The bot's log as a stream that is checked line by line and not kept whole, so a five-minute soak does not
 * measure its own log buffer: counts lines, keeps error-level lines, token-like leaks and a short tail.
 */
export class LogScan extends Writable {
  lines = 0;
  readonly errors: string[] = [];
  readonly tokenLeaks: string[] = [];
  private tail: string[] = [];
  private partial = '';

  constructor() {
    super({ decodeStrings: false });
  }

  override _write(chunk: unknown, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    const text = this.partial + String(chunk);
    const parts = text.split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) if (line) this.scan(line);
    done();
  }

  /** The last lines, for failure messages. */
  recent(): string {
    return this.tail.join('\n');
  }

  private scan(line: string): void {
    this.lines++;
    const token = TOKEN_LIKE.exec(line);
    if (token && this.tokenLeaks.length < KEEP_TOKENS) this.tokenLeaks.push(line.slice(0, 400));
    if (levelOf(line) >= 50 && this.errors.length < KEEP_ERRORS) this.errors.push(line.slice(0, 2000));
    this.tail.push(line.length > 2000 ? `${line.slice(0, 2000)}…` : line);
    if (this.tail.length > KEEP_TAIL) this.tail = this.tail.slice(-KEEP_TAIL / 2);
  }
}

function levelOf(line: string): number {
  const match = /"level":(\d+)/.exec(line);
  return match ? Number(match[1]) : 0;
}
