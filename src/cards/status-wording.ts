/** Wording of the status card: the assignment's state and what to do next, or why it could not be read. */
import type { StatusOutcome } from '../services/outcomes';
import { escapeMarkdown, humanState } from './wording';
import type { WordingTable } from './failure-data';
import { notEligibleNext } from './result-wording';
import { failureWording, ROLE_ADVICE } from './shared-wording';

type Kind = StatusOutcome['kind'];
type StatusOf<K extends Kind> = Extract<StatusOutcome, { kind: K }>;

function statusNext(o: StatusOf<'status'>): string {
  if (o.assignment.state === 'delivered') {
    return 'If the user is still missing access, reprocess it: it will be re-evaluated and its access re-applied.';
  }
  return notEligibleNext(o.assignment, o.latestRequest);
}

const failures = failureWording('assignment', 'the status could not be read');

/** Wording per status outcome; failures say the same as the result card's where that fits a read. */
export const StatusWording: WordingTable<StatusOutcome> = {
  status: {
    title: 'Assignment status',
    summary: (o) => `The assignment is ${escapeMarkdown(humanState(o.assignment.state))}.`,
    next: statusNext,
  },
  ...failures,
  accessDenied: {
    title: "You can't view this assignment",
    summary: () =>
      'Checking status needs an entitlement management role that can read the assignment, such as ' +
      'Catalog reader, Access Package Assignment Manager or higher.',
    next: () => ROLE_ADVICE,
  },
  graphFailure: { ...failures.graphFailure, title: "Couldn't check status" },
};
