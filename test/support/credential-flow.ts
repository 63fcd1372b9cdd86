import { createServer, type AddressInfo } from 'node:net';
import { startSandbox, type CredentialMode, type Sandbox } from '../../sandbox';
import * as activities from '../../sandbox/activities';
import { DEMO } from '../../sandbox/graph-data';
import { Verbs } from '../../src/cards/templates';
import { createStorage } from '../../src/storage/create';
import type { Job } from '../../src/storage/jobs';
import { cardsOf, cardText } from '../e2e/harness';
import { startAzurite, type Azurite } from './azurite';
import { spawnBot, type BotProcess } from './bot-process';

/** One credential mode's world: emulators, Azurite, and the production server started as `npm start` starts it. */
export interface ModeRun {
  mode: CredentialMode;
  sandbox: Sandbox;
  azurite: Azurite;
  bot: BotProcess;
  /** Exactly the environment the bot process got (besides PATH and NODE_EXTRA_CA_CERTS). */
  env: Record<string, string>;
  container: string;
  stop(): Promise<void>;
}

/**
 * Starts everything for `mode`. Storage is Azure (Azurite) in every mode: by connection string with a secret or
 * a certificate; by endpoints and the managed identity's bearer token (Azurite `--oauth basic`, HTTPS) otherwise.
 * The bot runs as its own process because @azure/identity reads the platform's IDENTITY_ENDPOINT/IDENTITY_HEADER
 * from the process environment, as it does on App Service.
 */
export async function startMode(mode: CredentialMode): Promise<ModeRun> {
  const managed = mode === 'managedIdentity';
  const [sandbox, azurite] = await Promise.all([startSandbox({ credentials: mode }), startAzurite({ oauth: managed })]);
  const container = `modes-${mode.toLowerCase()}`;
  const storage: Record<string, string> = managed
    ? { STORAGE_BLOB_ENDPOINT: azurite.blobEndpoint, STORAGE_TABLE_ENDPOINT: azurite.tableEndpoint }
    : { STORAGE_CONNECTION_STRING: azurite.connectionString };
  const env: Record<string, string> = { ...sandbox.env, ...sandbox.platformEnv, ...storage, STORAGE_CONTAINER: container, LOG_LEVEL: 'info' };
  let bot: BotProcess;
  try {
    bot = await spawnBot(env, await freePort());
  } catch (error) {
    await Promise.all([sandbox.stop(), azurite.stop()]);
    throw error;
  }
  const stop = async () => {
    await bot.stop();
    await Promise.all([sandbox.stop(), azurite.stop()]);
  };
  return { mode, sandbox, azurite, bot, env, container, stop };
}

const admin = DEMO.users.admin;
const A = DEMO.assignments;

function where(run: ModeRun, user = admin) {
  return { user, tenantId: run.sandbox.tenantId, serviceUrl: run.sandbox.channel.serviceUrl, botAppId: run.sandbox.env.BOT_ID };
}

/** Posts an activity to the bot process with a valid channel token, as Teams does. */
export function post(run: ModeRun, activity: activities.TeamsActivity) {
  return activities.postActivity(run.bot.url, activity, run.sandbox.channel.signChannelToken({ serviceUrl: run.sandbox.channel.serviceUrl }));
}

/** Teams' SSO: a `signin/tokenExchange` invoke carrying a fresh SSO token for `user`. */
export function signIn(run: ModeRun, user = admin) {
  const value = { id: `exchange-${user.oid}-${Date.now()}`, connectionName: '', token: run.sandbox.entra.mintSsoToken(user) };
  return post(run, activities.invoke('signin/tokenExchange', value, where(run, user)));
}

/** Sends `text` and waits for the card the bot posts back through the connector. */
export async function command(run: ModeRun, text: string, match: RegExp) {
  expect((await post(run, activities.message({ ...where(run), text }))).status).toBe(200);
  return run.sandbox.channel.waitFor((r) => match.test(cardText(cardsOf(r.activity)[0] ?? {})), 15_000);
}

/** An Action.Execute click on a card button. */
export function click(run: ModeRun, verb: string, data: Record<string, string>, replyToId: string) {
  const value = { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' };
  return post(run, activities.invoke('adaptiveCard/action', value, { ...where(run), replyToId }));
}

/** Runs a bulk job of three assignments to its summary card and returns the job as stored in the account. */
export async function bulkJob(run: ModeRun): Promise<Job> {
  const ids = [A.delivered, A.deliveredSales, A.deliveredFinance];
  const offer = await command(run, `reprocess ${ids.join(' ')}`, /bulkConfirm/);
  const jobId = /"jobId":"([0-9a-f-]{36})"/.exec(cardText(cardsOf(offer.activity)[0]))?.[1] ?? '';
  const cardId = (offer.activity as { id?: string }).id ?? offer.activityId ?? '';
  expect((await click(run, Verbs.bulkConfirm, { jobId }, cardId)).status).toBe(200);
  await run.sandbox.channel.waitFor((r) => r.kind === 'update' && JSON.stringify(r.activity).includes('Bulk reprocess finished'), 20_000);
  // Read back with the account key: proves the bot wrote to Azure storage, not to memory.
  const storage = await createStorage({ connectionString: run.azurite.connectionString, container: run.container });
  try {
    const job = await storage.jobs.get(jobId);
    if (!job) throw new Error(`job ${jobId} is not in the storage account`);
    return job.value;
  } finally {
    await storage.close();
  }
}

/** Audit entries of the admin in the storage account (written by the bot as it reprocessed). */
export async function auditOf(run: ModeRun) {
  const storage = await createStorage({ connectionString: run.azurite.connectionString, container: run.container });
  try {
    return await storage.audit.recent(run.sandbox.tenantId, admin.oid, 50);
  } finally {
    await storage.close();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
