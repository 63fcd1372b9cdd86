import type { ConnectorCall, Sandbox, SandboxUser } from '../sandbox';
import { cardsOf } from './cards';
import type { TeamsClient } from './teams';

/** When a job was confirmed and when its summary card arrived (`Date.now()` clock, as Graph records calls). */
export interface JobTimes {
  confirmedAt: number;
  finishedAt: number;
  summary: string;
}

const cardText = (call: ConnectorCall) => JSON.stringify(cardsOf(call.activity));

/**
 * Drives one `reprocess package` job through the real bot the way an admin does in Teams: the command, the
 * confirmation card, a click on Confirm (`adaptiveCard/action`, verb `bulkConfirm`), then waits for the card
 * update that carries the summary.
 */
export async function runPackageJob(sandbox: Sandbox, client: TeamsClient, user: SandboxUser, packageId: string, timeoutMs: number): Promise<JobTimes> {
  sandbox.channel.clear();
  const sent = await client.message(user, `reprocess package ${packageId}`);
  if (sent.status !== 200) throw new Error(`reprocess package answered ${sent.status}`);
  const offer = await sandbox.channel.waitFor((r) => cardText(r).includes('bulkConfirm'), 120_000);
  const jobId = /"jobId":"([0-9a-f-]{36})"/.exec(cardText(offer))?.[1];
  const cardId = offer.activity.id ?? offer.activityId;
  if (!jobId || !cardId) throw new Error(`no job id on the confirmation card: ${cardText(offer).slice(0, 300)}`);
  const confirmedAt = Date.now();
  const click = { action: { type: 'Action.Execute', verb: 'bulkConfirm', data: { jobId } } };
  const answer = await client.invoke(user, 'adaptiveCard/action', click, cardId);
  if (answer.status !== 200) throw new Error(`Confirm answered ${answer.status}: ${answer.body.slice(0, 300)}`);
  const done = await sandbox.channel.waitFor((r) => r.kind === 'update' && /Bulk reprocess (finished|cancelled)/.test(cardText(r)), timeoutMs);
  return { confirmedAt, finishedAt: done.at, summary: cardText(done) };
}
