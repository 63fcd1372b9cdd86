import {
  failureDetail,
  renderBulkConfirmation,
  renderBulkProgress,
  renderBulkSummary,
  renderPackageChoice,
} from '../../../src/cards/bulk';
import { Verbs } from '../../../src/cards/templates';
import { actionsOf, facts, joinedTexts, nodes, texts, titleOf, tone } from '../../support/cards';
import * as f from './fixtures';

describe('the bulk confirmation card', () => {
  test('asks to confirm, says who runs it and what accepted means, with Confirm and Cancel for the job', () => {
    const card = renderBulkConfirmation(f.confirmation());
    expect(titleOf(card)).toBe('Reprocess 3 assignments?');
    expect(joinedTexts(card)).toMatch(
      /This reprocesses 3 assignments from the list you sent\.\nEach reprocess runs as whoever confirms/,
    );
    expect(facts(card)).toMatchObject({
      Assignments: '3',
      Source: 'A list of assignment ids',
      'Requested by': 'Grace Hopper (grace@contoso.com)',
    });
    expect(actionsOf(card)).toEqual([
      { title: 'Confirm', verb: Verbs.bulkConfirm, data: { jobId: 'job-1' } },
      { title: 'Cancel', verb: Verbs.bulkCancel, data: { jobId: 'job-1' } },
    ]);
  });

  test('lists the first skipped inputs, escaped, and counts all of them', () => {
    const card = renderBulkConfirmation(f.confirmation({ skipped: { count: 120, sample: ['*bold*', 'nope'] } }));
    expect(joinedTexts(card)).toMatch(/120 inputs are not assignment ids; skipped:\n\\\*bold\\\*\nnope\nand 118 more/);
  });

  test('a package job names the package; with nothing to reprocess there is no button', () => {
    const card = renderBulkConfirmation(f.confirmation({ count: 0, source: f.pkgSource }));
    expect(titleOf(card)).toBe('Nothing to reprocess');
    expect(joinedTexts(card)).toMatch(
      /Access package Sales app has no Delivered assignments that your role can see\.\nNothing was sent/,
    );
    expect(facts(card)['Access package']).toBe(`Sales app (${f.PKG})`);
    expect(actionsOf(card)).toEqual([]);
  });
});

describe('the bulk progress card', () => {
  test('running: counts, rate and time left, a bar, and Stop', () => {
    const card = renderBulkProgress(f.progress());
    expect(titleOf(card)).toBe('Reprocessing 100 assignments');
    expect(texts(card)).toContain('42 of 100 processed (42%).');
    expect(facts(card)).toMatchObject({
      Succeeded: '40',
      Failed: '2',
      Remaining: '58',
      Rate: '12.5 per second',
      'Time left': 'about 5 s',
    });
    expect(
      nodes(card.body)
        .filter((n) => n.type === 'Column')
        .map((c) => c.style),
    ).toEqual(['good', 'attention', 'emphasis']);
    expect(actionsOf(card)).toEqual([{ title: 'Stop', verb: Verbs.bulkCancel, data: { jobId: 'job-1' } }]);
  });

  test('paused: the reason, no rate, and Resume and Cancel', () => {
    const card = renderBulkProgress(f.progress({ state: 'paused', pausedReason: 'The bot restarted.' }));
    expect(tone(card)).toBe('warning');
    expect(joinedTexts(card)).toMatch(/The bot restarted\.\nThe owner can resume it/);
    expect(Object.keys(facts(card))).not.toContain('Rate');
    expect(actionsOf(card).map((a) => `${a.title}:${a.verb}`)).toEqual([
      `Resume:${Verbs.bulkResume}`,
      `Cancel:${Verbs.bulkCancel}`,
    ]);
  });
});

describe('the bulk summary card', () => {
  test('each failure says what it means, as a single command would, with its status and request-id', () => {
    const card = renderBulkSummary(f.summary());
    expect(joinedTexts(card)).toMatch(
      /Failed assignments\nd82eb508-acc4-43cc-bcf1-7c1c4a2c073b\nNot found · HTTP 404 · request-id req-404/,
    );
    expect(
      failureDetail({ id: f.ID, kind: 'notEligible', state: 'delivering', httpStatus: 400, retryable: false }),
    ).toBe('Not eligible: Delivering · HTTP 400');
    expect(failureDetail({ id: f.ID, kind: 'accessDenied', httpStatus: 403, retryable: false })).toBe(
      'Access denied · HTTP 403',
    );
    expect(failureDetail({ id: f.ID, kind: 'noAnswer', retryable: true })).toBe('No answer from Microsoft Graph');
    expect(failureDetail({ id: f.ID, kind: 'interrupted', retryable: true })).toBe('Interrupted, result unknown');
  });

  test('Retry failed says how many it re-sends and how many permanent failures it leaves out', () => {
    const card = renderBulkSummary(f.summary());
    expect(joinedTexts(card)).toMatch(
      /Retry failed sends the 1 assignment that may succeed now .* It leaves out 1 that would fail the same way again/,
    );
    expect(actionsOf(card)).toEqual([{ title: 'Retry failed', verb: Verbs.bulkRetryFailed, data: { jobId: 'job-1' } }]);
  });

  test('no Retry failed when every failure is permanent', () => {
    const card = renderBulkSummary(
      f.summary({ failures: [{ id: f.ID, kind: 'notFound', httpStatus: 404, retryable: false }] }),
    );
    expect(actionsOf(card)).toEqual([]);
    expect(joinedTexts(card)).not.toMatch(/Retry failed/);
  });

  test('a job cancelled before anything was sent does not say "Graph accepted 0 of N"', () => {
    const card = renderBulkSummary(f.summary({ state: 'cancelled', succeeded: 0, failures: [], notSent: 5 }));
    expect(titleOf(card)).toBe('Bulk reprocess cancelled');
    expect(joinedTexts(card)).toMatch(/Cancelled before anything was sent: nothing was reprocessed\./);
    expect(joinedTexts(card)).not.toMatch(/accepted 0/);
  });

  test('a job stopped midway says how far it got and what was not sent', () => {
    const card = renderBulkSummary(
      f.summary({ state: 'cancelled', total: 100, succeeded: 38, notSent: 60, failures: f.summary().failures }),
    );
    expect(joinedTexts(card)).toMatch(
      /Stopped after 40 of 100 assignments: Microsoft Graph accepted 38; 2 failed\. 60 assignments were not sent\./,
    );
    expect(actionsOf(card)).toEqual([]);
  });

  test('all accepted: a good card that says accepted means queued', () => {
    const card = renderBulkSummary(f.summary({ succeeded: 5, failures: [] }));
    expect(tone(card)).toBe('good');
    expect(joinedTexts(card)).toMatch(/accepted 5 of 5 assignments\.\nAccepted means queued, not done/);
  });
});

describe('the package choice card', () => {
  test('offers one button per matching package (at most five) and counts the rest', () => {
    const many = Array.from({ length: 7 }, (_, i) => ({
      id: `0000000${i}-0000-4000-8000-000000000000`,
      displayName: `Sales ${i}`,
    }));
    const card = renderPackageChoice('sales', many);
    expect(titleOf(card)).toBe('7 access packages match "sales"');
    expect(actionsOf(card)).toHaveLength(5);
    expect(actionsOf(card)[0]).toEqual({
      title: 'Sales 0',
      verb: Verbs.bulkPackage,
      data: { accessPackageId: many[0]!.id },
    });
    expect(joinedTexts(card)).toMatch(/and 2 more: type more of the name, or the package id\./);
  });
});
