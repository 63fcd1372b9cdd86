import { randomUUID } from 'node:crypto';
import { TurnContext } from 'botbuilder';
import type { TokenCredential } from '@azure/identity';
import { renderPackageChoice } from '../../cards/bulk';
import { Notices } from '../../cards/messages';
import { graphAnswered } from '../../cards/outcome';
import type { AdaptiveCardJson } from '../../cards/templates';
import { truncate } from '../../cards/text';
import { isGuid } from '../../services/ids';
import { findPackageByName } from '../../services/packages';
import { keepSkipped, newJob as buildJob, offerIdFor } from '../../services/job-offer';
import type { Job, SkippedInputs } from '../../storage/jobs';
import type { Command } from '../commands';
import type { HandlerDeps } from '../deps';
import { cardForJob } from '../jobs/job-card';
import { activityTenant } from '../endpoint';
import { actorOf, card, conversationType, type Reply } from '../turn';
import { postedCardOf } from './posted-cards';

/** Most ids one message may carry; larger sets come from `reprocess package`. */
export const MAX_LISTED_IDS = 100;
/** Most assignments one package job takes on. */
export const MAX_PACKAGE_ASSIGNMENTS = 10_000;
/** Open jobs (awaiting confirmation, running, paused) one user may have; each holds storage until it ends. */
export const MAX_OPEN_JOBS = 3;
// How much of a typed package name a notice repeats.
const NAME_SHOWN = 80;

type BulkIds = Extract<Command, { kind: 'bulkIds' }> & { skippedCount?: number };
type BulkPackage = Extract<Command, { kind: 'bulkPackage' }>;

/** `reprocess <id> <id> …`: a confirmation card first (nothing is sent to Graph until someone confirms). */
export async function handleBulkIds(context: TurnContext, deps: HandlerDeps, cmd: BulkIds): Promise<Reply> {
  if (cmd.ids.length > MAX_LISTED_IDS) return card(Notices.tooManyIds(MAX_LISTED_IDS, cmd.ids.length));
  const skipped = keepSkipped(cmd.skipped, cmd.skippedCount);
  // Nothing is stored for someone who cannot act: sign in first (the command then comes back, bounded), confirm after.
  const pending: BulkIds = { kind: 'bulkIds', ids: cmd.ids, skipped: skipped.first, skippedCount: skipped.count };
  const ready = await readyToOffer(context, deps, pending);
  if (!('getToken' in ready)) return ready;
  return offerJob(deps, newJob(context, deps, cmd.ids, skipped, { kind: 'ids' }));
}

/**
 * `reprocess package <id>` or `reprocess package <name>`, as the user: a name is looked up first (one match: that
 * package; several: a card to pick one; none: says so); then the package's delivered assignments are listed and
 * the confirmation card offered.
 */
export async function handleBulkPackage(context: TurnContext, deps: HandlerDeps, cmd: BulkPackage): Promise<Reply> {
  const credential = await readyToOffer(context, deps, cmd);
  if (!('getToken' in credential)) return credential;
  let accessPackageId = 'accessPackageId' in cmd ? cmd.accessPackageId : undefined;
  if ('name' in cmd) {
    const found = await packageNamed(deps, credential, cmd.name);
    if ('card' in found) return card(found.card);
    accessPackageId = found.id;
  }
  const offer = await packageJob(context, deps, credential, accessPackageId ?? '', randomUUID());
  return 'card' in offer ? card(offer.card) : offerJob(deps, offer.job);
}

/**
 * The `bulkPackage` button of the package choice card (verb `bulkPackage`, data `{ accessPackageId }`), clicked by
 * `credential`'s user: returns the card that replaces the choice card — the package's confirmation card, or why
 * there is none. Clicking the same button again (Teams redelivers, a double click) offers the same job, not a second.
 */
export async function offerPackageJob(
  context: TurnContext,
  deps: HandlerDeps,
  accessPackageId: string,
  credential: TokenCredential,
): Promise<AdaptiveCardJson> {
  const refusal = await offerRefusal(context, deps);
  if (refusal) return refusal;
  const cardId = await postedCardOf(context);
  const jobId = cardId
    ? offerIdFor(
        activityTenant(context.activity) ?? '',
        context.activity.conversation.id,
        cardId,
        accessPackageId.toLowerCase(),
      )
    : randomUUID();
  const existing = await deps.jobs.get(jobId);
  if (existing) return cardForJob(existing.value);
  const offer = await packageJob(context, deps, credential, accessPackageId, jobId);
  if ('card' in offer) return offer.card;
  const job = { ...offer.job, ...(cardId ? { cardActivityId: cardId } : {}) };
  const created = await deps.jobs.create(job);
  const stored = created ? undefined : await deps.jobs.get(jobId);
  deps.log.info(
    { jobId, items: job.items.length, source: 'package', created },
    'bulk job offered from the package choice',
  );
  return cardForJob(stored?.value ?? job);
}

/** The package a name means, or the card that answers instead (a choice, none found, Graph failed). */
async function packageNamed(
  deps: HandlerDeps,
  credential: TokenCredential,
  name: string,
): Promise<{ id: string } | { card: AdaptiveCardJson }> {
  const found = await findPackageByName(deps.gatewayFor(credential), name);
  const shown = truncate(name, NAME_SHOWN);
  switch (found.kind) {
    case 'one':
      return { id: found.package.id };
    case 'several':
      return { card: renderPackageChoice(name, found.packages) };
    case 'none':
      return { card: Notices.noPackageMatches(shown) };
    case 'tooLong':
      return { card: Notices.packageNameTooLong() };
    case 'failed':
      return { card: Notices.packageSearchFailed(graphFailureDetail(found.call)) };
  }
}

/** A job offering the package's delivered assignments (listed as the user), or the card that answers instead. */
async function packageJob(
  context: TurnContext,
  deps: HandlerDeps,
  credential: TokenCredential,
  accessPackageId: string,
  jobId: string,
): Promise<{ job: Job } | { card: AdaptiveCardJson }> {
  if (!isGuid(accessPackageId)) return { card: Notices.notAPackageId() };
  const listed = await deps.gatewayFor(credential).listDeliveredAssignments(accessPackageId, MAX_PACKAGE_ASSIGNMENTS);
  if (!listed.ok) return { card: Notices.packageListFailed(graphFailureDetail(listed)) };
  const { ids, displayName } = listed.value;
  const source = { kind: 'package' as const, accessPackageId, ...(displayName ? { displayName } : {}) };
  return { job: { ...newJob(context, deps, ids, { count: 0, first: [] }, source), id: jobId } };
}

/** What Graph answered, in the words single commands use, and the request id support will ask for. */
function graphFailureDetail(call: { failure: { status: number; code: string }; ids: { requestId?: string } }): string {
  const answered = graphAnswered(call.failure.status, call.failure.code);
  return call.ids.requestId ? `${answered} request-id ${call.ids.requestId}` : answered;
}

/** The user's credential when they may open another job; otherwise the answer (a sign-in, a refusal). */
async function readyToOffer(context: TurnContext, deps: HandlerDeps, cmd: Command): Promise<TokenCredential | Reply> {
  const credential = deps.credentials.get(context.activity.from?.aadObjectId);
  if (!credential && conversationType(context) === 'personal') return deps.sso.prompt(context, cmd);
  const refusal = await offerRefusal(context, deps);
  return refusal ? card(refusal) : (credential as TokenCredential);
}

/** Why the clicker may not open a job now (not signed in where Teams can't sign them in, too many open jobs). */
async function offerRefusal(context: TurnContext, deps: HandlerDeps): Promise<AdaptiveCardJson | undefined> {
  const user = context.activity.from?.aadObjectId;
  if (!deps.credentials.get(user) || !user) return Notices.signInFirst();
  if ((await deps.jobs.countOpen(activityTenant(context.activity) ?? '', user)) >= MAX_OPEN_JOBS)
    return Notices.tooManyOpenJobs(MAX_OPEN_JOBS);
  return undefined;
}

function newJob(
  context: TurnContext,
  deps: HandlerDeps,
  ids: string[],
  skipped: SkippedInputs,
  source: Job['source'],
): Job {
  const actor = actorOf(context, deps.credentials.upnOf(context.activity.from?.aadObjectId));
  const conversation = { ...TurnContext.getConversationReference(context.activity) };
  return buildJob(
    { tenantId: activityTenant(context.activity) ?? '', actor, conversation, now: deps.clock() },
    ids,
    skipped,
    source,
  );
}

// The job is stored before its card is posted, then learns the card's message id (its card is updated in place).
async function offerJob(deps: HandlerDeps, job: Job): Promise<Reply> {
  await deps.jobs.create(job);
  deps.log.info(
    { jobId: job.id, items: job.items.length, skipped: job.skipped.count, source: job.source.kind },
    'bulk job offered',
  );
  const posted = async (cardActivityId: string) => {
    const stored = await deps.jobs.get(job.id);
    if (stored) await deps.jobs.replace({ ...stored.value, cardActivityId }, stored.etag);
  };
  return { kind: 'card', card: cardForJob(job), posted };
}
