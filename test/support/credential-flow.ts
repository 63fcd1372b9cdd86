import { startSandbox, type CredentialMode, type Sandbox } from '../../sandbox';
import { DEMO } from '../../sandbox/graph-data';
import { Verbs } from '../../src/cards/templates';
import { createStorage } from '../../src/storage/create';
import type { Job } from '../../src/storage/jobs';
import { startAzurite, type Azurite } from './azurite';
import { actionWith, cardIn, jobIdOf, titled } from './cards';
import { startHarness, type Harness } from './harness';

/** One credential mode's world: emulators, Azurite, and the production server started as `npm start` starts it. */
export interface ModeRun {
  mode: CredentialMode;
  sandbox: Sandbox;
  azurite: Azurite;
  /** The bot process; `bot.env` is exactly the environment it got (besides PATH and NODE_EXTRA_CA_CERTS). */
  bot: Harness;
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
  let bot: Harness;
  try {
    bot = await startHarness({ shared: sandbox, spawn: true, env: { ...storage, STORAGE_CONTAINER: container } });
  } catch (error) {
    await Promise.all([sandbox.stop(), azurite.stop()]);
    throw error;
  }
  const stop = async () => {
    await bot.stop();
    await Promise.all([sandbox.stop(), azurite.stop()]);
  };
  return { mode, sandbox, azurite, bot, container, stop };
}

const admin = DEMO.users.admin;
const A = DEMO.assignments;

/** Sends `text` as the admin and waits for the card titled `title` the bot posts back through the connector. */
export async function command(run: ModeRun, text: string, title: string | RegExp) {
  expect((await run.bot.message(admin, text)).status).toBe(200);
  return run.bot.waitFor(titled(title));
}

/** Runs a bulk job of three assignments to its summary card and returns the job as stored in the account. */
export async function bulkJob(run: ModeRun): Promise<Job> {
  const ids = [A.delivered, A.deliveredSales, A.deliveredFinance];
  const offer = await command(run, `reprocess ${ids.join(' ')}`, 'Reprocess 3 assignments?');
  const jobId = jobIdOf(cardIn(offer), Verbs.bulkConfirm);
  const cardId = (offer.activity as { id?: string }).id ?? offer.activityId ?? '';
  expect(actionWith(cardIn(offer), Verbs.bulkCancel)?.data).toEqual({ jobId });
  expect((await run.bot.click(admin, Verbs.bulkConfirm, { jobId }, { replyToId: cardId })).status).toBe(200);
  await run.bot.waitFor((r) => r.kind === 'update' && titled('Bulk reprocess finished')(r), 30_000);
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
