import { randomUUID } from 'node:crypto';
import { TurnContext } from 'botbuilder';
import type { TokenCredential } from '@azure/identity';
import { renderNotice } from '../../cards/messages';
import type { Job, SkippedInputs } from '../../storage/jobs';
import type { Command } from '../commands';
import type { HandlerDeps } from '../deps';
import { cardForJob } from '../jobs/job-card';
import { activityTenant } from '../endpoint';
import { actorOf, conversationType, sendCard } from '../turn';

/** Most ids one message may carry; larger sets come from `reprocess package`. */
export const MAX_LISTED_IDS = 100;
/** Most assignments one package job takes on. */
export const MAX_PACKAGE_ASSIGNMENTS = 10_000;
/** Open jobs (awaiting confirmation, running, paused) one user may have; each holds storage until it ends. */
export const MAX_OPEN_JOBS = 3;
// A job keeps the first skipped inputs (what a card lists) and how many there were, never the whole paste.
const SKIPPED_KEPT = 10;
const SKIPPED_CHARS = 100;

type BulkIds = Extract<Command, { kind: 'bulkIds' }> & { skippedCount?: number };

/** `reprocess <id> <id> …`: a confirmation card first (nothing is sent to Graph until someone confirms). */
export async function handleBulkIds(context: TurnContext, deps: HandlerDeps, cmd: BulkIds): Promise<void> {
  if (cmd.ids.length > MAX_LISTED_IDS) {
    await sendCard(context, renderNotice({
      title: `At most ${MAX_LISTED_IDS} ids per message`,
      message: `That message has ${cmd.ids.length} assignment ids. Send them in smaller groups, or reprocess a whole access package with: reprocess package <access package id>.`,
    }));
    return;
  }
  const skipped = keepSkipped(cmd.skipped, cmd.skippedCount);
  // Nothing is stored for someone who cannot act: sign in first (the command then comes back, bounded), confirm after.
  const pending: BulkIds = { kind: 'bulkIds', ids: cmd.ids, skipped: skipped.first, skippedCount: skipped.count };
  if (!(await readyToOffer(context, deps, pending))) return;
  await offerJob(context, deps, newJob(context, deps, cmd.ids, skipped, { kind: 'ids' }));
}

/** `reprocess package <id>`: list the package's delivered assignments as the user, then ask for confirmation. */
export async function handleBulkPackage(context: TurnContext, deps: HandlerDeps, cmd: Extract<Command, { kind: 'bulkPackage' }>): Promise<void> {
  const credential = await readyToOffer(context, deps, cmd);
  if (!credential) return;
  const listed = await deps.gatewayFor(credential).listDeliveredAssignments(cmd.accessPackageId, MAX_PACKAGE_ASSIGNMENTS);
  if (!listed.ok) {
    const detail = `HTTP ${listed.failure.status || 'error'} ${listed.failure.code}; request-id ${listed.ids.requestId ?? 'n/a'}`;
    await sendCard(context, renderNotice({ title: "Couldn't list the package's assignments", message: 'Microsoft Graph did not return the assignments of that access package.', detail }));
    return;
  }
  const { ids, displayName } = listed.value;
  const source = { kind: 'package' as const, accessPackageId: cmd.accessPackageId, ...(displayName ? { displayName } : {}) };
  await offerJob(context, deps, newJob(context, deps, ids, { count: 0, first: [] }, source));
}

/** The user's credential when they may open another job; otherwise the answer is sent and undefined returned. */
async function readyToOffer(context: TurnContext, deps: HandlerDeps, cmd: Command): Promise<TokenCredential | undefined> {
  const user = context.activity.from?.aadObjectId;
  const credential = deps.credentials.get(user);
  if (!credential && conversationType(context) === 'personal') {
    await deps.sso.promptSignIn(context, cmd);
    return undefined;
  }
  if (!credential || !user) {
    await sendCard(context, renderNotice({
      title: 'Sign in to Reprocess first',
      message: 'A bulk job runs as you, and Teams cannot sign you in silently here. Send any command to Reprocess in a 1:1 chat once, then try again here.',
    }));
    return undefined;
  }
  if ((await deps.jobs.countOpen(activityTenant(context.activity) ?? '', user)) >= MAX_OPEN_JOBS) {
    await sendCard(context, renderNotice({
      title: `You already have ${MAX_OPEN_JOBS} open bulk jobs`,
      message: 'Confirm or cancel a job that is waiting, or let a running one finish, then send this again. Unconfirmed jobs expire after a day.',
    }));
    return undefined;
  }
  return credential;
}

function keepSkipped(inputs: string[], count = inputs.length): SkippedInputs {
  return { count, first: inputs.slice(0, SKIPPED_KEPT).map((input) => input.slice(0, SKIPPED_CHARS)) };
}

function newJob(context: TurnContext, deps: HandlerDeps, ids: string[], skipped: SkippedInputs, source: Job['source']): Job {
  const actor = actorOf(context, deps.credentials.upnOf(context.activity.from?.aadObjectId));
  const now = deps.clock().toISOString();
  return {
    id: randomUUID(),
    tenantId: activityTenant(context.activity) ?? '',
    createdBy: actor.aadObjectId ?? '',
    owner: { aadObjectId: actor.aadObjectId ?? '', name: actor.name, ...(actor.upn ? { upn: actor.upn } : {}) },
    source,
    state: 'awaitingConfirmation',
    items: ids.map((id) => ({ id, status: 'pending', attempts: 0 })),
    skipped,
    conversation: { ...TurnContext.getConversationReference(context.activity) },
    createdAt: now,
    updatedAt: now,
  };
}

async function offerJob(context: TurnContext, deps: HandlerDeps, job: Job): Promise<void> {
  await deps.jobs.create(job);
  const cardActivityId = await sendCard(context, cardForJob(job));
  const stored = await deps.jobs.get(job.id);
  if (stored && cardActivityId) await deps.jobs.replace({ ...stored.value, cardActivityId }, stored.etag);
  deps.log.info({ jobId: job.id, items: job.items.length, skipped: job.skipped.count, source: job.source.kind }, 'bulk job offered');
}
