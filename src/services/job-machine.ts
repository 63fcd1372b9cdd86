/**
 * The life of a bulk job as pure functions: `transition(job, event, now)` returns the changed job or why the event
 * is refused. Buttons (confirm, cancel, stop, resume, retry failed), the runner (pause, finish) and recovery (pause on
 * restart) all change a job through here, so every rule about who may do what, where and when lives in one place.
 */
import type { Job, JobItem } from '../storage/jobs';
import { failureOf } from './job-views';

/** Why a paused job stopped when its runner died (crash, kill, deploy): shown on its card with Resume. */
export const RESTART_REASON = 'Reprocess restarted while this job was running. Nothing was lost: resume to finish it.';

/** Who clicked a job's button. */
export interface JobActor {
  aadObjectId: string;
  name: string;
  upn?: string;
}

/** Where a button was clicked: the activity's tenant and conversation, and whether it is a 1:1 chat. */
export interface ClickPlace {
  tenantId: string;
  conversationId: string;
  personal: boolean;
}

/** A click on one of the job's buttons. */
export interface Click {
  by: JobActor;
  where: ClickPlace;
}

/** Something that may change a job. `cancel` of a running job is its Stop button. */
export type JobEvent =
  | ({ kind: 'confirm'; cardId?: string } & Click)
  | ({ kind: 'cancel' } & Click)
  | ({ kind: 'stop' } & Click)
  | ({ kind: 'resume' } & Click)
  | ({ kind: 'retryFailed' } & Click)
  | { kind: 'pause'; reason: string }
  | { kind: 'pauseOnRestart' }
  | { kind: 'finish' };

/**
 * Why an event changes nothing: `elsewhere` (clicked in another tenant or conversation), `notOwner` (only the
 * owner, or in a 1:1 chat the creator, may), `notNow` (not in the job's current state), `nothingToRetry` (every
 * failure would fail the same way again), `leaseLive` (the runner still holds the job).
 */
export type Refusal = 'elsewhere' | 'notOwner' | 'notNow' | 'nothingToRetry' | 'leaseLive';

/** The job after the event, or the refusal. */
export type Transition = { job: Job } | { refused: Refusal };

/** Applies `event` to `job` at `now`; never mutates `job`. */
export function transition(job: Job, event: JobEvent, now: Date): Transition {
  switch (event.kind) {
    case 'confirm':
      return confirm(job, event, now);
    case 'cancel':
      return job.state === 'running' ? stop(job, event, now) : cancel(job, event, now);
    case 'stop':
      return stop(job, event, now);
    case 'resume':
      return resume(job, event, now);
    case 'retryFailed':
      return retryFailed(job, event, now);
    case 'pause':
      return job.state !== 'running'
        ? refuse('notNow')
        : changed(job, now, { state: 'paused', pausedReason: event.reason, lease: undefined });
    case 'pauseOnRestart':
      return pauseOnRestart(job, now);
    case 'finish':
      return job.state !== 'running'
        ? refuse('notNow')
        : changed(job, now, { state: 'completed', finishedAt: now.toISOString(), lease: undefined });
  }
}

/** True for an item that failed in a way sending it again may fix (throttled, 5xx, no answer, interrupted). */
export function mayRetry(item: JobItem): boolean {
  return (item.status === 'failed' || item.status === 'interrupted') && failureOf(item).retryable;
}

// In a channel, Confirm runs "as whoever clicks" (the clicker becomes the owner); in a 1:1 chat only the creator.
function confirm(job: Job, event: Extract<JobEvent, { kind: 'confirm' }>, now: Date): Transition {
  if (!inJobConversation(job, event.where)) return refuse('elsewhere');
  if (job.state !== 'awaitingConfirmation') return refuse('notNow');
  if (!event.by.aadObjectId || (event.where.personal && event.by.aadObjectId !== job.createdBy))
    return refuse('notOwner');
  const { aadObjectId, name, upn } = event.by;
  const owner = { aadObjectId, name, ...(upn ? { upn } : {}) };
  return changed(job, now, {
    state: 'running',
    owner,
    startedAt: now.toISOString(),
    cardActivityId: job.cardActivityId ?? event.cardId,
  });
}

// An unconfirmed job: anyone in its channel may dismiss it, only its creator in a 1:1 chat. A paused one: its owner.
function cancel(job: Job, event: Click, now: Date): Transition {
  if (!inJobConversation(job, event.where)) return refuse('elsewhere');
  if (job.state !== 'awaitingConfirmation' && job.state !== 'paused') return refuse('notNow');
  const allowed =
    job.state === 'paused' ? isOwner(job, event) : !event.where.personal || event.by.aadObjectId === job.createdBy;
  return allowed ? cancelled(job, now) : refuse('notOwner');
}

// The runner notices on its next write and stops after the batches in flight; their results are kept.
function stop(job: Job, event: Click, now: Date): Transition {
  if (!inJobConversation(job, event.where)) return refuse('elsewhere');
  if (job.state !== 'running') return refuse('notNow');
  return isOwner(job, event) ? cancelled(job, now) : refuse('notOwner');
}

function resume(job: Job, event: Click, now: Date): Transition {
  if (!inJobConversation(job, event.where)) return refuse('elsewhere');
  if (job.state !== 'paused') return refuse('notNow');
  return isOwner(job, event) ? changed(job, now, { state: 'running', pausedReason: undefined }) : refuse('notOwner');
}

// Only what may succeed now is sent again: not found, denied or not eligible would fail the same way.
function retryFailed(job: Job, event: Click, now: Date): Transition {
  if (!inJobConversation(job, event.where)) return refuse('elsewhere');
  if (job.state !== 'completed') return refuse('notNow');
  if (!isOwner(job, event)) return refuse('notOwner');
  if (!job.items.some(mayRetry)) return refuse('nothingToRetry');
  const items = job.items.map((i) => (mayRetry(i) ? { ...i, status: 'pending' as const } : i));
  return changed(job, now, { items, state: 'running', finishedAt: undefined, startedAt: now.toISOString() });
}

// Items in flight when the runner died have an unknown result: interrupted, never re-sent silently.
function pauseOnRestart(job: Job, now: Date): Transition {
  if (job.state !== 'running') return refuse('notNow');
  if ((job.lease?.until ?? 0) > now.getTime()) return refuse('leaseLive');
  const items = job.items.map((i) => (i.status === 'inflight' ? { ...i, status: 'interrupted' as const } : i));
  return changed(job, now, { items, state: 'paused', pausedReason: RESTART_REASON, lease: undefined });
}

/** Same tenant and same conversation (in a channel, the same channel: a thread's id adds `;messageid=`). */
function inJobConversation(job: Job, where: ClickPlace): boolean {
  const reference = job.conversation as { conversation?: { id?: unknown } };
  const conversationId = reference.conversation?.id;
  const base = (id: string) => id.split(';messageid=')[0];
  return (
    where.tenantId !== '' &&
    where.tenantId === job.tenantId &&
    typeof conversationId === 'string' &&
    base(where.conversationId) === base(conversationId)
  );
}

const isOwner = (job: Job, event: Click) =>
  event.by.aadObjectId !== '' && event.by.aadObjectId === job.owner.aadObjectId;
const cancelled = (job: Job, now: Date) =>
  changed(job, now, { state: 'cancelled', finishedAt: now.toISOString(), lease: undefined });
const changed = (job: Job, now: Date, change: Partial<Job>): Transition => ({
  job: { ...job, ...change, updatedAt: now.toISOString() },
});
const refuse = (refused: Refusal): Transition => ({ refused });
