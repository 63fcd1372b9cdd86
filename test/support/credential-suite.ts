import type { ClientAuthMethod } from '../../sandbox/entra-assertions';
import { DEMO } from '../../sandbox/graph-data';
import { Verbs } from '../../src/cards/templates';
import { cardIn, cardsOf, facts, invokeCard, titleOf } from './cards';
import { auditOf, bulkJob, command, startMode, type ModeRun } from './credential-flow';
import type { CredentialMode } from '../../sandbox';

const admin = DEMO.users.admin;
const A = DEMO.assignments;

/**
 * The core flow every credential mode must pass, against the production process: SSO -> OBO -> Graph reprocess
 * -> result card through the connector; a card click; a bulk job on Azure storage; one OBO per user.
 * `clientAuth` is how the SSO app must have proven itself to Entra in this mode.
 */
export function coreFlow(
  mode: CredentialMode,
  clientAuth: ClientAuthMethod,
  more: (run: () => ModeRun) => void = () => undefined,
): void {
  let run: ModeRun;
  beforeAll(async () => {
    run = await startMode(mode);
  }, 60_000);
  afterAll(async () => run?.stop());

  describe(`${mode}: the core flow`, () => {
    it('Teams SSO signs the admin in: the token exchange is answered 200 after one On-Behalf-Of with the mode’s client credential', async () => {
      expect((await run.bot.signIn(admin)).status).toBe(200);
      const obo = run.sandbox.entra.tokenRequests.filter(
        (r) => r.oid === admin.oid && r.grantType.endsWith('jwt-bearer'),
      );
      expect(obo.map((r) => ({ status: r.status, clientAuth: r.clientAuth }))).toEqual([{ status: 200, clientAuth }]);
    });

    it('reprocess <id> reaches Graph as the admin and the result card comes back through the connector as the bot', async () => {
      const reply = await command(run, `reprocess ${A.delivered}`, 'Reprocess queued');
      expect(reply.appId).toBe(run.sandbox.env.BOT_ID);
      expect(facts(cardIn(reply))).toMatchObject({
        'Assignment id': A.delivered,
        'Run by': expect.stringContaining(admin.name),
      });
      const posts = run.sandbox.graph.calls.filter((c) => c.method === 'POST');
      expect(posts).toEqual([
        expect.objectContaining({
          oid: admin.oid,
          path: expect.stringContaining(`/assignments/${A.delivered}/reprocess`),
        }),
      ]);
    });

    it('a card click (Check status) is answered with the status card in the invoke response', async () => {
      const answer = await run.bot.click(admin, Verbs.status, { assignmentId: A.delivered }, { replyToId: 'card-1' });
      expect(answer.status).toBe(200);
      const card = invokeCard(answer) ?? {};
      expect(titleOf(card)).toBe('Assignment status');
      expect(facts(card)).toMatchObject({ 'Assignment id': A.delivered, State: 'Delivered' });
    });

    it('a bulk job runs on Azure storage: confirmed, completed, and kept with its audit in the storage account', async () => {
      const job = await bulkJob(run);
      expect(job.state).toBe('completed');
      expect(job.items.map((i) => i.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
      const audit = await auditOf(run);
      expect(audit.filter((e) => e.mode === 'bulk' && e.jobId === job.id)).toHaveLength(3);
      expect(audit.some((e) => e.mode === 'single' && e.targetId === A.delivered && e.outcome === 'accepted')).toBe(
        true,
      );
    });

    it('GET /readyz answers ready: templates loaded and the storage account reachable with this mode’s credential', async () => {
      const res = await fetch(`${run.bot.baseUrl}/readyz`);
      expect({ status: res.status, body: await res.json() }).toEqual({
        status: 200,
        body: { status: 'ready', checks: { templates: 'ok', storage: 'ok' } },
      });
    });

    it('the whole flow made one On-Behalf-Of call for the admin, and every card went out under the bot’s identity', () => {
      expect(run.sandbox.entra.oboCount(admin.oid)).toBe(1);
      const sent = run.sandbox.channel.records.filter((r) => cardsOf(r.activity).length > 0);
      expect(sent.length).toBeGreaterThan(0);
      expect(new Set(sent.map((r) => r.appId))).toEqual(new Set([run.sandbox.env.BOT_ID]));
    });
  });

  // After the core flow, so these see what it did.
  describe(`${mode}: what only this mode does`, () => more(() => run));
}
