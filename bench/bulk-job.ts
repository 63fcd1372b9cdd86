import type { ConnectorCall, Sandbox, SandboxUser } from '../sandbox';
import { cardsOf } from './cards';
import type { TeamsClient } from './teams';

/** When a job was confirmed and when its summary card arrived (`Date.now()` clock, as Graph records calls). */
export interface JobTimes {
  confirmedAt: number;
  finishedAt: number;
  summary: string;
}

/** A job the bot would not start: the card it answered instead (e.g. the package could not be listed). */
export class JobNotStarted extends Error {}

const cardText = (call: ConnectorCall) => JSON.stringify(cardsOf(call.activity));

/**
 * Drives one bulk job through the bot the way an admin does in Teams: the command (`reprocess package <id>` or
 * `reprocess <id> <id> …`), the confirmation card, a click on Confirm (`adaptiveCard/action`, verb `bulkConfirm`,
 * the button copied as Teams does), then waits for the card update that carries the summary.
 */
export async function runBulkJob(
  sandbox: Sandbox,
  client: TeamsClient,
  user: SandboxUser,
  command: string,
  timeoutMs: number,
): Promise<JobTimes> {
  sandbox.channel.clear();
  const sent = await client.message(user, command);
  if (sent.status !== 200) throw new Error(`${command.slice(0, 40)} answered ${sent.status}`);
  const offer = await sandbox.channel.waitFor((r) => cardsOf(r.activity).length > 0, 120_000);
  const jobId = /"jobId":"([0-9a-f-]{36})"/.exec(cardText(offer))?.[1];
  const cardId = offer.activity.id ?? offer.activityId;
  if (!jobId || !cardId) throw new JobNotStarted(headline(cardText(offer)));
  const confirmedAt = Date.now();
  const click = {
    action: { type: 'Action.Execute', title: 'Confirm', verb: 'bulkConfirm', data: { jobId } },
    trigger: 'manual',
  };
  const answer = await client.invoke(user, 'adaptiveCard/action', click, cardId);
  if (answer.status !== 200) throw new Error(`Confirm answered ${answer.status}: ${answer.body.slice(0, 300)}`);
  const done = await sandbox.channel.waitFor(
    (r) => r.kind === 'update' && /Bulk reprocess (finished|cancelled)/.test(cardText(r)),
    timeoutMs,
  );
  return { confirmedAt, finishedAt: done.at, summary: cardText(done) };
}

/** The card's title and first lines, for a report row. */
function headline(cardJson: string): string {
  const texts = [...cardJson.matchAll(/"text":"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] ?? '');
  return texts.slice(0, 3).join(' — ').slice(0, 240);
}
