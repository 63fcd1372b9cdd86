import { Writable, type Readable } from 'node:stream';

/** Anything shaped like a JWT: a token that must never reach a log line. */
export const TOKEN_LIKE = /eyJ[A-Za-z0-9_-]{10,}/;

const KEEP_ERRORS = 50;
const KEEP_TOKENS = 20;
const KEEP_TAIL = 500;

/**
 * The bot's log (pino: one JSON object a line), checked line by line as it arrives: counts lines, keeps
 * error-level lines and token-like leaks, and keeps every line unless `keep` is false, so a five-minute soak does
 * not measure its own log buffer. Write pino into it, or `follow` a child process's stdout and stderr.
 */
export class LogCapture extends Writable {
  count = 0;
  readonly errors: string[] = [];
  readonly tokenLeaks: string[] = [];
  private readonly kept: string[] = [];
  private tail: string[] = [];
  private partial = '';

  constructor(private readonly keep = true) {
    super({ decodeStrings: false });
  }

  override _write(chunk: unknown, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.partial = this.split(this.partial + String(chunk));
    done();
  }

  /** Reads `stream` line by line (its own partial line, so stdout and stderr never splice). */
  follow(stream: Readable | null): void {
    let partial = '';
    stream?.on('data', (chunk: Buffer) => (partial = this.split(partial + chunk.toString())));
    stream?.on('end', () => partial && this.scan(partial));
  }

  /** Every line so far; with `keep` false, the last few hundred. */
  lines(): string[] {
    return this.keep ? [...this.kept] : [...this.tail];
  }

  /** The lines joined, for regular expressions over the whole log. */
  text(): string {
    return this.lines().join('\n');
  }

  /** The lines that are JSON objects, parsed. */
  entries(): Record<string, unknown>[] {
    return this.lines().flatMap((line) => {
      try {
        const parsed: unknown = JSON.parse(line);
        return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
          ? [parsed as Record<string, unknown>]
          : [];
      } catch {
        return [];
      }
    });
  }

  private split(text: string): string {
    const parts = text.split('\n');
    const rest = parts.pop() ?? '';
    for (const line of parts) if (line.trim()) this.scan(line);
    return rest;
  }

  private scan(line: string): void {
    this.count++;
    if (TOKEN_LIKE.test(line) && this.tokenLeaks.length < KEEP_TOKENS) this.tokenLeaks.push(line.slice(0, 400));
    if (levelOf(line) >= 50 && this.errors.length < KEEP_ERRORS) this.errors.push(line.slice(0, 2000));
    if (this.keep) return void this.kept.push(line);
    this.tail.push(line.length > 2000 ? `${line.slice(0, 2000)}…` : line);
    if (this.tail.length > KEEP_TAIL) this.tail = this.tail.slice(-KEEP_TAIL / 2);
  }
}

function levelOf(line: string): number {
  const match = /"level":(\d+)/.exec(line);
  return match ? Number(match[1]) : 0;
}
