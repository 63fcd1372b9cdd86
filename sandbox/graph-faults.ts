import { setTimeout as sleep } from 'node:timers/promises';
import { defaultCode, graphError, throttled } from './graph-errors';
import type { SandboxResponse } from './router';

/**
 * A fault for matching Graph calls. Without `status` (and without `resetConnection`) the call only waits `delayMs`
 * and then proceeds normally. A string `path` matches as a substring.
 */
export interface GraphInjection {
  method?: string;
  path?: RegExp | string;
  status?: number;
  code?: string;
  retryAfterSeconds?: number;
  /** How many matching calls it affects (default 1). */
  times?: number;
  delayMs?: number;
  /** Drops the TCP connection (inside `$batch`: the whole batch connection). */
  resetConnection?: boolean;
}

/** Ordered injection rules: the first rule matching a call applies and uses up one of its `times`. */
export class InjectionPlan {
  private rules: { rule: GraphInjection; remaining: number }[] = [];

  add(rule: GraphInjection): void {
    this.rules.push({ rule, remaining: rule.times ?? 1 });
  }

  clear(): void {
    this.rules = [];
  }

  /** Applies the first matching rule: waits, then answers the fault, or `undefined` to let the call proceed. */
  async apply(method: string, path: string): Promise<SandboxResponse | undefined> {
    const entry = this.rules.find(({ rule }) => matches(rule, method, path));
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.rules = this.rules.filter((e) => e !== entry);
    const { rule } = entry;
    // Unref'd: a hung call the client gave up on must not keep the process (or jest) alive.
    if (rule.delayMs) await sleep(rule.delayMs, undefined, { ref: false });
    if (rule.resetConnection) return { status: 0, resetConnection: true };
    if (rule.status === undefined) return undefined;
    return faultAnswer({ ...rule, status: rule.status }, 'Injected failure');
  }
}

/**
 * A failure as Graph answers it: the error shape with Graph's usual code for the status, and a 429's `Retry-After`
 * in seconds (concepts/throttling.md).
 */
export function faultAnswer(
  fault: { status: number; code?: string; retryAfterSeconds?: number },
  what: string,
): SandboxResponse {
  const code = fault.code ?? defaultCode(fault.status);
  if (fault.retryAfterSeconds !== undefined && fault.status === 429) return throttled(fault.retryAfterSeconds, code);
  const headers: Record<string, string> =
    fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {};
  return graphError(fault.status, code, `${what} (${fault.status} ${code}).`, headers);
}

function matches(rule: GraphInjection, method: string, path: string): boolean {
  if (rule.method && rule.method.toUpperCase() !== method) return false;
  if (rule.path === undefined) return true;
  return typeof rule.path === 'string' ? path.includes(rule.path) : rule.path.test(path);
}

/** Token-bucket limit on writes (`perSecond` refill, `burst` capacity). */
export interface WriteLimit {
  perSecond: number;
  burst: number;
}

/** Refuses writes beyond the limit, telling how many seconds until a token is available. */
export class WriteLimiter {
  private limit: WriteLimit | null = null;
  private tokens = 0;
  private refilledAt = 0;

  set(limit: WriteLimit | null): void {
    this.limit = limit;
    this.tokens = limit?.burst ?? 0;
    this.refilledAt = Date.now();
  }

  /** Takes one token; returns `undefined` when allowed, else the Retry-After seconds. */
  take(now = Date.now()): number | undefined {
    if (!this.limit) return undefined;
    this.tokens = Math.min(this.limit.burst, this.tokens + ((now - this.refilledAt) / 1000) * this.limit.perSecond);
    this.refilledAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return undefined;
    }
    return Math.max(1, Math.ceil((1 - this.tokens) / this.limit.perSecond));
  }
}
