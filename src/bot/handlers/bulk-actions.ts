import type { TokenCredential } from '@azure/identity';
import type { TurnContext } from 'botbuilder';
import { Notices } from '../../cards/messages';
import type { AdaptiveCardJson } from '../../cards/templates';
import { changeStoredJob } from '../../services/job-changes';
import { recordJobRow } from '../../services/history';
import type { JobEvent } from '../../services/job-machine';
import type { HandlerDeps } from '../deps';
import { activityTenant } from '../endpoint';
import { cardForJob } from '../jobs/job-card';
import { actorOf, conversationType } from '../turn';
import { postedCardOf } from './posted-cards';

/** The buttons of bulk job cards. */
export type BulkVerb = 'bulkConfirm' | 'bulkCancel' | 'bulkResume' | 'bulkRetryFailed';

const EVENT: Record<BulkVerb, 'confirm' | 'cancel' | 'resume' | 'retryFailed'> = {
  bulkConfirm: 'confirm',
  // The same button is Cancel on the confirmation and paused cards and Stop on the progress card.
  bulkCancel: 'cancel',
  bulkResume: 'resume',
  bulkRetryFailed: 'retryFailed',
};

/**
 * A click on a bulk job's card, judged by the job state machine (src/services/job-machine.ts): a job's buttons act
 * only in the conversation and tenant where it was offered (a job id is shown on cards and in logs, so holding one
 * proves nothing). Changes are compare-and-swap on the stored job, so a double click, two people clicking, or two
 * bot instances act once; every click in the job's conversation is answered with the job's current card.
 */
export async function handleBulkAction(
  context: TurnContext,
  deps: HandlerDeps,
  verb: BulkVerb,
  jobId: string,
  credential: TokenCredential | undefined,
): Promise<AdaptiveCardJson> {
  const clicker = actorOf(context, deps.credentials.upnOf(context.activity.from?.aadObjectId));
  const where = {
    tenantId: activityTenant(context.activity) ?? '',
    conversationId: context.activity.conversation.id,
    personal: conversationType(context) === 'personal',
  };
  const by = {
    aadObjectId: clicker.aadObjectId ?? '',
    name: clicker.name,
    ...(clicker.upn ? { upn: clicker.upn } : {}),
  };
  const event: JobEvent = {
    kind: EVENT[verb],
    by,
    where,
    ...(verb === 'bulkConfirm' ? { cardId: await postedCardOf(context) } : {}),
  };
  const result = await changeStoredJob(deps.jobs, jobId, event, deps.clock);
  if (!result) return Notices.jobGone();
  const { job } = result;
  deps.log.info(
    {
      jobId,
      verb,
      changed: result.changed,
      ...(result.changed ? {} : { refused: result.refused }),
      state: job.state,
      user: by.aadObjectId,
    },
    'bulk job action',
  );
  if (!result.changed && result.refused === 'elsewhere') {
    deps.log.warn({ jobId, verb, user: by.aadObjectId }, 'bulk job button used outside its conversation');
    return Notices.jobElsewhere();
  }
  if (!result.changed && result.refused === 'notOwner') {
    return Notices.notJobOwner(job.owner.name);
  }
  if (result.changed && credential && job.state === 'running')
    deps.launcher.start(context, jobId, credential, conversationType(context));
  // A job with no runner (paused, or cancelled before a runner noticed) gets its history row here.
  if (result.changed && job.state === 'cancelled') await recordJobRow(deps.audit, job);
  return cardForJob(job);
}
