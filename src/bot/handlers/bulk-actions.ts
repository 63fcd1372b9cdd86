import type { TokenCredential } from '@azure/identity';
import type { TurnContext } from 'botbuilder';
import { renderNotice } from '../../cards/messages';
import type { AdaptiveCardJson } from '../../cards/templates';
import { failureOf } from '../../services/job-views';
import type { Job, JobItem, JobStore } from '../../storage/jobs';
import type { HandlerDeps } from '../deps';
import { cardForJob } from '../jobs/job-card';
import { actorOf, conversationType } from '../turn';

/** The buttons of bulk job cards. */
export type BulkVerb = 'bulkConfirm' | 'bulkCancel' | 'bulkResume' | 'bulkRetryFailed';

type Change = (job: Job) => Job | undefined;

/**
 * A click on a bulk job's card. State changes are compare-and-swap on the stored job, so a double click, two
 * people clicking, or two bot instances act once; every click is answered with the job's current card.
 */
export async function handleBulkAction(
  context: TurnContext,
  deps: HandlerDeps,
  verb: BulkVerb,
  jobId: string,
  credential: TokenCredential | undefined,
): Promise<AdaptiveCardJson> {
  const stored = await deps.jobs.get(jobId);
  if (!stored) return renderNotice({ title: 'That job no longer exists', message: 'Start a new one with reprocess followed by the assignment ids.' });
  const clicker = actorOf(context, deps.credentials.upnOf(context.activity.from?.aadObjectId));
  const isOwner = clicker.aadObjectId === stored.value.owner.aadObjectId;
  const now = deps.clock().toISOString();
  const { job, changed } = await transition(deps.jobs, jobId, changeFor(verb, { clicker, isOwner, now, cardId: context.activity.replyToId }));
  if (!changed && needsOwner(verb, job) && !isOwner) {
    return renderNotice({ title: 'Only the job owner can do that', message: `${job.owner.name} runs this job; ask them, or start your own.` });
  }
  if (changed && credential && job.state === 'running') deps.launcher.start(context, jobId, credential, conversationType(context));
  deps.log.info({ jobId, verb, changed, state: job.state, user: clicker.aadObjectId }, 'bulk job action');
  return cardForJob(job);
}

interface Clicker {
  clicker: ReturnType<typeof actorOf>;
  isOwner: boolean;
  now: string;
  cardId?: string;
}

function changeFor(verb: BulkVerb, c: Clicker): Change {
  switch (verb) {
    case 'bulkConfirm':
      return (job) => job.state !== 'awaitingConfirmation' ? undefined : {
        ...job,
        state: 'running',
        owner: { aadObjectId: c.clicker.aadObjectId ?? '', name: c.clicker.name, ...(c.clicker.upn ? { upn: c.clicker.upn } : {}) },
        startedAt: c.now,
        cardActivityId: c.cardId ?? job.cardActivityId,
      };
    case 'bulkCancel':
      return (job) => {
        const allowed = job.state === 'awaitingConfirmation' || ((job.state === 'running' || job.state === 'paused') && c.isOwner);
        return allowed ? { ...job, state: 'cancelled', finishedAt: c.now, lease: undefined } : undefined;
      };
    case 'bulkResume':
      return (job) => (job.state === 'paused' && c.isOwner ? { ...job, state: 'running', pausedReason: undefined } : undefined);
    case 'bulkRetryFailed':
      return (job) => {
        // Only what may succeed now is sent again; not found, denied or not eligible would fail the same way.
        const retryable = (i: JobItem) => (i.status === 'failed' || i.status === 'interrupted') && failureOf(i).retryable;
        if (job.state !== 'completed' || !c.isOwner || !job.items.some(retryable)) return undefined;
        const items = job.items.map((i) => (retryable(i) ? { ...i, status: 'pending' as const } : i));
        return { ...job, items, state: 'running', finishedAt: undefined, startedAt: c.now };
      };
  }
}

function needsOwner(verb: BulkVerb, job: Job): boolean {
  if (verb === 'bulkResume') return job.state === 'paused';
  if (verb === 'bulkRetryFailed') return job.state === 'completed';
  if (verb === 'bulkCancel') return job.state === 'running' || job.state === 'paused';
  return false;
}

async function transition(jobs: JobStore, jobId: string, change: Change): Promise<{ job: Job; changed: boolean }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const stored = await jobs.get(jobId);
    if (!stored) break;
    const next = change(stored.value);
    if (!next) return { job: stored.value, changed: false };
    const updated = { ...next, updatedAt: new Date().toISOString() };
    if (await jobs.replace(updated, stored.etag)) return { job: updated, changed: true };
  }
  const latest = await jobs.get(jobId);
  if (!latest) throw new Error(`job ${jobId} disappeared`);
  return { job: latest.value, changed: false };
}
