import { randomUUID } from 'node:crypto';
import { TurnContext } from 'botbuilder';
import { renderNotice } from '../../cards/messages';
import type { Job } from '../../storage/jobs';
import type { Command } from '../commands';
import type { HandlerDeps } from '../deps';
import { cardForJob } from '../jobs/job-card';
import { activityTenant } from '../endpoint';
import { actorOf, conversationType, sendCard } from '../turn';

/** Most ids one message may carry; larger sets come from `reprocess package`. */
export const MAX_LISTED_IDS = 100;
/** Most assignments one package job takes on. */
export const MAX_PACKAGE_ASSIGNMENTS = 10_000;

/** `reprocess <id> <id> …`: a confirmation card first (nothing is sent to Graph until someone confirms). */
export async function handleBulkIds(context: TurnContext, deps: HandlerDeps, cmd: Extract<Command, { kind: 'bulkIds' }>): Promise<void> {
  if (cmd.ids.length > MAX_LISTED_IDS) {
    await sendCard(context, renderNotice({
      title: `At most ${MAX_LISTED_IDS} ids per message`,
      message: `That message has ${cmd.ids.length} assignment ids. Send them in smaller groups, or reprocess a whole access package with: reprocess package <access package id>.`,
    }));
    return;
  }
  await offerJob(context, deps, newJob(context, deps, cmd.ids, cmd.skipped, { kind: 'ids' }));
}

/** `reprocess package <id>`: list the package's delivered assignments as the user, then ask for confirmation. */
export async function handleBulkPackage(context: TurnContext, deps: HandlerDeps, cmd: Extract<Command, { kind: 'bulkPackage' }>): Promise<void> {
  const user = context.activity.from?.aadObjectId;
  const credential = deps.credentials.get(user);
  if (!credential && conversationType(context) === 'personal') return deps.sso.promptSignIn(context, cmd);
  if (!credential) {
    await sendCard(context, renderNotice({
      title: 'Sign in to Reprocess first',
      message: 'Listing a package runs as you, and Teams cannot sign you in silently in a channel. Send any command to Reprocess in a 1:1 chat once, then try again here.',
    }));
    return;
  }
  const listed = await deps.gatewayFor(credential).listDeliveredAssignments(cmd.accessPackageId, MAX_PACKAGE_ASSIGNMENTS);
  if (!listed.ok) {
    const detail = `HTTP ${listed.failure.status || 'error'} ${listed.failure.code}; request-id ${listed.ids.requestId ?? 'n/a'}`;
    await sendCard(context, renderNotice({ title: "Couldn't list the package's assignments", message: 'Microsoft Graph did not return the assignments of that access package.', detail }));
    return;
  }
  const { ids, displayName } = listed.value;
  const source = { kind: 'package' as const, accessPackageId: cmd.accessPackageId, ...(displayName ? { displayName } : {}) };
  await offerJob(context, deps, newJob(context, deps, ids, [], source));
}

function newJob(context: TurnContext, deps: HandlerDeps, ids: string[], skipped: string[], source: Job['source']): Job {
  const actor = actorOf(context, deps.credentials.upnOf(context.activity.from?.aadObjectId));
  const now = deps.clock().toISOString();
  return {
    id: randomUUID(),
    tenantId: activityTenant(context.activity) ?? '',
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
  deps.log.info({ jobId: job.id, items: job.items.length, skipped: job.skipped.length, source: job.source.kind }, 'bulk job offered');
}
