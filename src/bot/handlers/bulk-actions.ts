import type { TokenCredential } from '@azure/identity';
import type { TurnContext } from 'botbuilder';
import { renderNotice } from '../../cards/messages';
import type { AdaptiveCardJson } from '../../cards/templates';
import { failureOf } from '../../services/job-views';
import type { Job, JobItem, JobStore } from '../../storage/jobs';
import type { HandlerDeps } from '../deps';
import { activityTenant } from '../endpoint';
import { cardForJob } from '../jobs/job-card';
import { actorOf, conversationType } from '../turn';
import { postedCardOf } from './posted-cards';

/** The buttons of bulk job cards. */
export type BulkVerb = 'bulkConfirm' | 'bulkCancel' | 'bulkResume' | 'bulkRetryFailed';

type Change = (job: Job) => Job | undefined;

/**
 * A click on a bulk job's card. A job's buttons act only in the conversation and tenant where it was offered (a
 * job id is shown on cards and in logs, so holding one proves nothing). State changes are compare-and-swap on the
 * stored job, so a double click, two people clicking, or two bot instances act once; every click in the job's
 * conversation is answered with the job's current card.
 */
export async function handleBulkAction(
  context: TurnContext,
  deps: HandlerDeps,
  verb: BulkVerb,
  jobId: string,
  credential: TokenCredential | undefined,
): Promise<AdaptiveCardJson> {
  const stored = await deps.jobs.get(jobId);
  if (!stored) return renderNotice({ title: 'That job no longer exists', message: 'Unconfirmed jobs expire after a day, finished ones after a week. Start a new one with reprocess followed by the assignment ids.' });
  const clicker = actorOf(context, deps.credentials.upnOf(context.activity.from?.aadObjectId));
  if (!inJobConversation(context, stored.value)) {
    deps.log.warn({ jobId, verb, user: clicker.aadObjectId }, 'bulk job button used outside its conversation');
    return renderNotice({ title: "That job isn't from this chat", message: 'A bulk job can only be confirmed or changed in the chat where it was started.' });
  }
  const personal = conversationType(context) === 'personal';
  const isOwner = clicker.aadObjectId === stored.value.owner.aadObjectId;
  const now = deps.clock().toISOString();
  const cardId = await postedCardOf(context);
  const { job, changed } = await transition(deps.jobs, jobId, changeFor(verb, { clicker, isOwner, personal, now, cardId }));
  if (!changed && needsOwner(verb, job, personal) && !isOwner) {
    return renderNotice({ title: 'Only the job owner can do that', message: `${job.owner.name} runs this job; ask them, or start your own.` });
  }
  if (changed && credential && job.state === 'running') deps.launcher.start(context, jobId, credential, conversationType(context));
  deps.log.info({ jobId, verb, changed, state: job.state, user: clicker.aadObjectId }, 'bulk job action');
  return cardForJob(job);
}

/** Same tenant and same conversation (in a channel, the same channel: a thread's id adds `;messageid=`). */
function inJobConversation(context: TurnContext, job: Job): boolean {
  const reference = job.conversation as { conversation?: { id?: unknown } };
  const jobConversation = typeof reference.conversation?.id === 'string' ? reference.conversation.id : undefined;
  const base = (id: string) => id.split(';messageid=')[0];
  return activityTenant(context.activity) === job.tenantId && jobConversation !== undefined && base(context.activity.conversation.id) === base(jobConversation);
}

interface Clicker {
  clicker: ReturnType<typeof actorOf>;
  isOwner: boolean;
  /** In a 1:1 chat only the job's creator (its owner until confirmed) may confirm or cancel. */
  personal: boolean;
  now: string;
  /** The clicked card, when the bot posted it in this conversation. */
  cardId?: string;
}

function changeFor(verb: BulkVerb, c: Clicker): Change {
  switch (verb) {
    case 'bulkConfirm':
      // In a channel, confirm runs "as whoever clicks": the clicker becomes the owner.
      return (job) => job.state !== 'awaitingConfirmation' || (c.personal && !c.isOwner) ? undefined : {
        ...job,
        state: 'running',
        owner: { aadObjectId: c.clicker.aadObjectId ?? '', name: c.clicker.name, ...(c.clicker.upn ? { upn: c.clicker.upn } : {}) },
        startedAt: c.now,
        cardActivityId: job.cardActivityId ?? c.cardId,
      };
    case 'bulkCancel':
      return (job) => {
        const allowed = (job.state === 'awaitingConfirmation' && (!c.personal || c.isOwner)) || ((job.state === 'running' || job.state === 'paused') && c.isOwner);
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

function needsOwner(verb: BulkVerb, job: Job, personal: boolean): boolean {
  if (verb === 'bulkResume') return job.state === 'paused';
  if (verb === 'bulkRetryFailed') return job.state === 'completed';
  if (verb === 'bulkCancel') return job.state === 'running' || job.state === 'paused' || (personal && job.state === 'awaitingConfirmation');
  return personal && job.state === 'awaitingConfirmation';
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
