import {
  mayRetry,
  RESTART_REASON,
  transition,
  type ClickPlace,
  type JobActor,
  type JobEvent,
} from '../../src/services/job-machine';
import type { Job, JobItem, JobState } from '../../src/storage/jobs';

const NOW = new Date('2025-03-01T10:00:00.000Z');
const EARLIER = '2025-03-01T09:00:00.000Z';
const creator: JobActor = { aadObjectId: 'creator-oid', name: 'Adele Vance', upn: 'adele@contoso.test' };
const colleague: JobActor = { aadObjectId: 'colleague-oid', name: 'Megan Bowen' };
const CHAT = '19:chat-of-the-job@thread.v2';
const personal: ClickPlace = { tenantId: 'tenant-1', conversationId: CHAT, personal: true };
const channel: ClickPlace = { tenantId: 'tenant-1', conversationId: CHAT, personal: false };

const item = (status: JobItem['status'], extra: Partial<JobItem> = {}): JobItem => ({
  id: `item-${Math.random()}`,
  status,
  attempts: 1,
  ...extra,
});

function job(state: JobState, overrides: Partial<Job> = {}): Job {
  return {
    id: 'job-1',
    tenantId: 'tenant-1',
    createdBy: creator.aadObjectId,
    owner: { aadObjectId: creator.aadObjectId, name: creator.name },
    source: { kind: 'ids' },
    state,
    items: [item('pending', { attempts: 0 }), item('pending', { attempts: 0 })],
    skipped: { count: 0, first: [] },
    conversation: { conversation: { id: CHAT } },
    createdAt: EARLIER,
    updatedAt: EARLIER,
    ...overrides,
  };
}

const click = (
  kind: 'confirm' | 'cancel' | 'stop' | 'resume' | 'retryFailed',
  by: JobActor,
  where: ClickPlace,
): JobEvent => ({ kind, by, where });
const changedJob = (result: ReturnType<typeof transition>): Job => {
  if ('refused' in result) throw new Error(`refused: ${result.refused}`);
  return result.job;
};

describe('confirm', () => {
  it('starts an unconfirmed job as the creator in a 1:1 chat, remembering the clicked card', () => {
    const next = changedJob(
      transition(job('awaitingConfirmation'), { kind: 'confirm', by: creator, where: personal, cardId: 'card-7' }, NOW),
    );
    expect(next).toMatchObject({
      state: 'running',
      startedAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
      cardActivityId: 'card-7',
    });
    expect(next.owner).toEqual({ aadObjectId: creator.aadObjectId, name: creator.name, upn: creator.upn });
  });

  it('keeps the card the job already knows', () => {
    const next = changedJob(
      transition(
        job('awaitingConfirmation', { cardActivityId: 'card-1' }),
        { kind: 'confirm', by: creator, where: personal, cardId: 'card-7' },
        NOW,
      ),
    );
    expect(next.cardActivityId).toBe('card-1');
  });

  it('in a channel runs as whoever clicks: the clicker becomes the owner', () => {
    const next = changedJob(transition(job('awaitingConfirmation'), click('confirm', colleague, channel), NOW));
    expect(next.owner).toEqual({ aadObjectId: colleague.aadObjectId, name: colleague.name });
    expect(next.createdBy).toBe(creator.aadObjectId);
  });

  it('is refused to anyone but the creator in a 1:1 chat, and to a clicker without an Entra id', () => {
    expect(transition(job('awaitingConfirmation'), click('confirm', colleague, personal), NOW)).toEqual({
      refused: 'notOwner',
    });
    expect(
      transition(job('awaitingConfirmation'), click('confirm', { aadObjectId: '', name: 'Nobody' }, channel), NOW),
    ).toEqual({ refused: 'notOwner' });
  });

  it.each(['running', 'paused', 'completed', 'cancelled'] as const)('of a %s job changes nothing', (state) => {
    expect(transition(job(state), click('confirm', creator, personal), NOW)).toEqual({ refused: 'notNow' });
  });
});

describe('where a button may act', () => {
  const elsewhere: Record<string, ClickPlace> = {
    'another tenant': { ...personal, tenantId: 'tenant-2' },
    'another conversation': { ...personal, conversationId: '19:another-chat@thread.v2' },
    'another channel': { ...channel, conversationId: '19:another-channel@thread.tacv2;messageid=1' },
    'no tenant at all': { ...personal, tenantId: '' },
  };
  const kinds = ['confirm', 'cancel', 'stop', 'resume', 'retryFailed'] as const;
  const states: Record<(typeof kinds)[number], JobState> = {
    confirm: 'awaitingConfirmation',
    cancel: 'awaitingConfirmation',
    stop: 'running',
    resume: 'paused',
    retryFailed: 'completed',
  };

  it.each(Object.keys(elsewhere))('every button clicked from %s is refused, even by the owner', (place) => {
    for (const kind of kinds)
      expect(transition(job(states[kind]), click(kind, creator, elsewhere[place]!), NOW)).toEqual({
        refused: 'elsewhere',
      });
  });

  it("a reply thread of the job's channel is the same channel", () => {
    const thread = { ...channel, conversationId: `${CHAT};messageid=1700000000000` };
    expect(changedJob(transition(job('awaitingConfirmation'), click('confirm', colleague, thread), NOW)).state).toBe(
      'running',
    );
  });

  it('a job without a stored conversation acts nowhere', () => {
    expect(
      transition(job('awaitingConfirmation', { conversation: {} }), click('confirm', creator, personal), NOW),
    ).toEqual({ refused: 'elsewhere' });
  });
});

describe('cancel and stop', () => {
  it('cancels an unconfirmed job: by its creator in a 1:1 chat, by anyone in its channel', () => {
    for (const [by, where] of [
      [creator, personal],
      [colleague, channel],
    ] as const) {
      const next = changedJob(transition(job('awaitingConfirmation'), click('cancel', by, where), NOW));
      expect(next).toMatchObject({ state: 'cancelled', finishedAt: NOW.toISOString() });
    }
    expect(transition(job('awaitingConfirmation'), click('cancel', colleague, personal), NOW)).toEqual({
      refused: 'notOwner',
    });
  });

  it("Stop (cancel of a running job) is the owner's only and releases the lease", () => {
    const running = job('running', { lease: { holder: 'instance-a', until: NOW.getTime() + 10_000 } });
    for (const kind of ['cancel', 'stop'] as const) {
      const next = changedJob(transition(running, click(kind, creator, channel), NOW));
      expect(next).toMatchObject({ state: 'cancelled', finishedAt: NOW.toISOString() });
      expect(next.lease).toBeUndefined();
      expect(transition(running, click(kind, colleague, channel), NOW)).toEqual({ refused: 'notOwner' });
    }
  });

  it('cancels a paused job for its owner only, in a channel too', () => {
    expect(changedJob(transition(job('paused'), click('cancel', creator, channel), NOW)).state).toBe('cancelled');
    expect(transition(job('paused'), click('cancel', colleague, channel), NOW)).toEqual({ refused: 'notOwner' });
  });

  it.each(['completed', 'cancelled'] as const)('of a %s job changes nothing', (state) => {
    expect(transition(job(state), click('cancel', creator, personal), NOW)).toEqual({ refused: 'notNow' });
    expect(transition(job(state), click('stop', creator, personal), NOW)).toEqual({ refused: 'notNow' });
  });

  it('Stop applies to a running job only', () => {
    for (const state of ['awaitingConfirmation', 'paused'] as const)
      expect(transition(job(state), click('stop', creator, personal), NOW)).toEqual({ refused: 'notNow' });
  });
});

describe('resume', () => {
  it('runs a paused job again for its owner and forgets why it paused', () => {
    const next = changedJob(
      transition(job('paused', { pausedReason: RESTART_REASON }), click('resume', creator, personal), NOW),
    );
    expect(next.state).toBe('running');
    expect(next.pausedReason).toBeUndefined();
  });

  it('is refused to anyone else, and changes nothing unless the job is paused', () => {
    expect(transition(job('paused'), click('resume', colleague, channel), NOW)).toEqual({ refused: 'notOwner' });
    for (const state of ['awaitingConfirmation', 'running', 'completed', 'cancelled'] as const) {
      expect(transition(job(state), click('resume', creator, personal), NOW)).toEqual({ refused: 'notNow' });
    }
  });
});

describe('retry failed', () => {
  const finished = () =>
    job('completed', {
      finishedAt: EARLIER,
      items: [
        item('succeeded', { httpStatus: 202 }),
        item('failed', { httpStatus: 429 }),
        item('failed', { httpStatus: 503 }),
        item('failed', { httpStatus: 500 }),
        item('failed', { httpStatus: 0, code: 'Timeout' }),
        item('interrupted'),
        item('failed', { httpStatus: 404 }),
        item('failed', { httpStatus: 403 }),
        item('failed', { httpStatus: 400 }),
        item('failed', { httpStatus: 400, state: 'delivering' }),
      ],
    });

  it('re-sends only throttled, Graph failures, no answer and interrupted items; permanent failures stay as they were', () => {
    const before = finished();
    const next = changedJob(transition(before, click('retryFailed', creator, personal), NOW));
    expect(next).toMatchObject({ state: 'running', startedAt: NOW.toISOString() });
    expect(next.finishedAt).toBeUndefined();
    expect(next.items.map((i) => i.status)).toEqual([
      'succeeded',
      'pending',
      'pending',
      'pending',
      'pending',
      'pending',
      'failed',
      'failed',
      'failed',
      'failed',
    ]);
    expect(next.items.slice(6)).toEqual(before.items.slice(6));
    // Attempts keep counting: each attempt's audit entry has its own id.
    expect(next.items.map((i) => i.attempts)).toEqual(before.items.map((i) => i.attempts));
  });

  it('is refused when every failure would fail the same way again', () => {
    const permanent = job('completed', {
      items: [item('succeeded'), item('failed', { httpStatus: 404 }), item('failed', { httpStatus: 400 })],
    });
    expect(transition(permanent, click('retryFailed', creator, personal), NOW)).toEqual({ refused: 'nothingToRetry' });
  });

  it("is the owner's only, and only for a completed job", () => {
    expect(transition(finished(), click('retryFailed', colleague, channel), NOW)).toEqual({ refused: 'notOwner' });
    for (const state of ['awaitingConfirmation', 'running', 'paused', 'cancelled'] as const) {
      expect(transition(job(state, { items: finished().items }), click('retryFailed', creator, personal), NOW)).toEqual(
        { refused: 'notNow' },
      );
    }
  });

  it('mayRetry says which items Retry failed sends', () => {
    expect(finished().items.map(mayRetry)).toEqual([false, true, true, true, true, true, false, false, false, false]);
  });
});

describe('the runner: pause and finish', () => {
  const running = () => job('running', { lease: { holder: 'instance-a', until: NOW.getTime() + 10_000 } });

  it('pause keeps the reason and releases the lease', () => {
    const next = changedJob(transition(running(), { kind: 'pause', reason: 'Your sign-in expired.' }, NOW));
    expect(next).toMatchObject({ state: 'paused', pausedReason: 'Your sign-in expired.' });
    expect(next.lease).toBeUndefined();
  });

  it('finish completes the job, stamps its end and releases the lease', () => {
    const next = changedJob(transition(running(), { kind: 'finish' }, NOW));
    expect(next).toMatchObject({ state: 'completed', finishedAt: NOW.toISOString() });
    expect(next.lease).toBeUndefined();
  });

  it.each(['awaitingConfirmation', 'paused', 'completed', 'cancelled'] as const)(
    'a %s job is neither paused nor finished by the runner',
    (state) => {
      expect(transition(job(state), { kind: 'pause', reason: 'x' }, NOW)).toEqual({ refused: 'notNow' });
      expect(transition(job(state), { kind: 'finish' }, NOW)).toEqual({ refused: 'notNow' });
    },
  );
});

describe('pause on restart', () => {
  const crashed = (until: number) =>
    job('running', {
      lease: { holder: 'instance-a', until },
      items: [item('succeeded'), item('inflight'), item('inflight'), item('pending', { attempts: 0 })],
    });

  it('pauses a running job whose lease ran out; items in flight become interrupted, never pending', () => {
    const next = changedJob(transition(crashed(NOW.getTime() - 1), { kind: 'pauseOnRestart' }, NOW));
    expect(next).toMatchObject({ state: 'paused', pausedReason: RESTART_REASON });
    expect(next.lease).toBeUndefined();
    expect(next.items.map((i) => i.status)).toEqual(['succeeded', 'interrupted', 'interrupted', 'pending']);
  });

  it('a job without a lease counts as abandoned', () => {
    expect(changedJob(transition(job('running'), { kind: 'pauseOnRestart' }, NOW)).state).toBe('paused');
  });

  it('leaves a job whose runner still holds its lease, and any job that is not running', () => {
    expect(transition(crashed(NOW.getTime() + 1), { kind: 'pauseOnRestart' }, NOW)).toEqual({ refused: 'leaseLive' });
    for (const state of ['awaitingConfirmation', 'paused', 'completed', 'cancelled'] as const) {
      expect(transition(job(state), { kind: 'pauseOnRestart' }, NOW)).toEqual({ refused: 'notNow' });
    }
  });
});

it('never mutates the job it is given', () => {
  const original = job('completed', { items: [item('failed', { httpStatus: 500 })] });
  const copy = structuredClone(original);
  transition(original, click('retryFailed', creator, personal), NOW);
  transition(original, { kind: 'pauseOnRestart' }, NOW);
  expect(original).toEqual(copy);
});
