import type { Graph, GraphCallRecord, GraphInjection } from '../../../sandbox/graph';
import type { TestUser } from '../../support/harness';
import type { Rng } from './rng';
import { slot as slotOf, type Slot } from './tenant';

/** Graph faults the schedule rotates through. */
export type FaultKind = 'throttled' | 'serverError' | 'unavailable' | 'reset' | 'hang';
export const ROTATION: readonly FaultKind[] = ['throttled', 'serverError', 'unavailable', 'reset', 'hang'];
/** Retry-After of the injected 429: beyond the bot's 8 s budget, so the card must say "try again". */
export const THROTTLE_SECONDS = 30;
/** A hung call: far beyond Teams' 10 s. */
export const HANG_MS = 30_000;

/** What a command does, and how it reaches the bot. */
export type CommandKind = 'reprocess' | 'status' | 'request';
export type Via = 'text' | 'click';

/** One Graph call a command makes, matched exactly by method and (slot-unique) path. */
export interface Step {
  method: 'GET' | 'POST';
  path: RegExp;
}

/** A command of the mixed run: who, what, on which slot, and the fault (if any) each of its Graph calls meets. */
export interface Planned {
  index: number;
  kind: CommandKind;
  via: Via;
  user: TestUser;
  slot: Slot;
  faults: (FaultKind | undefined)[];
}

const esc = (s: string) => s.replace(/[-]/g, '\\-');

/** The Graph calls `kind` makes on `slot`, in order (the status command's request lookup is not targeted). */
export function stepsOf(kind: CommandKind, slot: Slot): Step[] {
  const a = `/assignments/${esc(slot.assignmentId)}`;
  const r = `/assignmentRequests/${esc(slot.requestId)}`;
  switch (kind) {
    case 'reprocess':
      return [
        { method: 'GET', path: new RegExp(`${a}$`) },
        { method: 'POST', path: new RegExp(`${a}/reprocess$`) },
      ];
    case 'status':
      return [{ method: 'GET', path: new RegExp(`${a}$`) }];
    case 'request':
      return [
        { method: 'GET', path: new RegExp(`${r}$`) },
        { method: 'POST', path: new RegExp(`${r}/reprocess$`) },
      ];
  }
}

/** The emulator rule for one fault on one step. */
export function injection(kind: FaultKind, step: Step): GraphInjection {
  const where = { method: step.method, path: step.path };
  switch (kind) {
    case 'throttled':
      return { ...where, status: 429, retryAfterSeconds: THROTTLE_SECONDS, times: 1 };
    case 'serverError':
      return { ...where, status: 500, times: 1 };
    case 'unavailable':
      // Transient: Graph says come back in a second, twice; the SDK's retries absorb it.
      return { ...where, status: 503, retryAfterSeconds: 1, times: 2 };
    case 'reset':
      return { ...where, resetConnection: true, times: 1 };
    case 'hang':
      return { ...where, delayMs: HANG_MS, times: 1 };
  }
}

/** A deterministic mix of `count` commands over `users`, each on its own slot; faults are planned separately. */
export function planCommands(rng: Rng, opts: { count: number; users: TestUser[]; firstSlot: number }): Planned[] {
  return Array.from({ length: opts.count }, (_, index) => {
    const kind = rng.pick<CommandKind>(['reprocess', 'reprocess', 'status', 'request']);
    return {
      index,
      kind,
      via: rng.pick<Via>(['text', 'click']),
      user: rng.pick(opts.users),
      slot: slotOf(opts.firstSlot + index),
      faults: [],
    };
  });
}

/**
 * Faults for commands making `calls[i]` Graph calls each: exactly round(rate x all calls) of the calls fail,
 * chosen by `rng`; in schedule order they take the kinds of {@link ROTATION} in turn, so every kind occurs.
 */
export function planFaults(rng: Rng, calls: number[], rate: number): (FaultKind | undefined)[][] {
  const positions = calls.flatMap((n, command) =>
    Array.from({ length: n }, (_, call) => ({ command, call, key: rng.next() })),
  );
  const failing = [...positions].sort((a, b) => a.key - b.key).slice(0, Math.round(rate * positions.length));
  failing.sort((a, b) => a.command - b.command || a.call - b.call);
  const plan: (FaultKind | undefined)[][] = calls.map((n) => new Array<FaultKind | undefined>(n).fill(undefined));
  failing.forEach(
    ({ command, call }, i) => ((plan[command] as (FaultKind | undefined)[])[call] = ROTATION[i % ROTATION.length]),
  );
  return plan;
}

/** Registers every planned fault with the Graph emulator (paths are slot-unique, so order and timing don't matter). */
export function applyFaults(graph: Graph, kind: CommandKind, slot: Slot, faults: (FaultKind | undefined)[]): void {
  stepsOf(kind, slot).forEach((step, i) => {
    const fault = faults[i];
    if (fault) graph.inject(injection(fault, step));
  });
}

/** The first fault the bot cannot absorb, which decides the card; undefined when the command should succeed. */
export function decisiveFault(faults: (FaultKind | undefined)[]): FaultKind | undefined {
  return faults.find((f) => f !== undefined && f !== 'unavailable');
}

/** Graph calls about `slot` (its ids in the path, or in the query of the request lookup). */
export function callsOn(calls: readonly GraphCallRecord[], slot: Slot): GraphCallRecord[] {
  return calls.filter((c) =>
    [slot.assignmentId, slot.requestId].some((id) => c.path.includes(id) || c.query.includes(id)),
  );
}
