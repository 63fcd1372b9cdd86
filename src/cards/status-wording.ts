/** Wording of the status card: the assignment's state and what to do next, or why it could not be read. */
import type { StatusOutcome } from '../services/outcomes';
import { escapeMarkdown, humanState } from './wording';
import type { CardWording } from './outcome-data';
import { notEligibleNext, ResultWording } from './result-wording';

type Kind = StatusOutcome['kind'];
type StatusOf<K extends Kind> = Extract<StatusOutcome, { kind: K }>;

function statusNext(o: StatusOf<'status'>): string {
  if (o.assignment.state === 'delivered') {
    return 'If the user is still missing access, reprocess it: it will be re-evaluated and its access re-applied.';
  }
  return notEligibleNext(o.assignment, o.latestRequest);
}

/** Wording per status outcome; failures reuse the result card's wording where it fits a read. */
export const StatusWording: { [K in Kind]: CardWording<StatusOf<K>> } = {
  status: {
    title: 'Assignment status',
    summary: (o) => `The assignment is ${escapeMarkdown(humanState(o.assignment.state))}.`,
    next: statusNext,
  },
  invalidId: ResultWording.invalidId,
  notFound: ResultWording.notFound,
  accessDenied: {
    title: "You can't view this assignment",
    summary: () =>
      'Checking status needs an entitlement management role that can read the assignment, such as ' +
      'Catalog reader, Access Package Assignment Manager or higher.',
    next: ResultWording.accessDenied.next,
  },
  consentRequired: ResultWording.consentRequired,
  throttled: {
    title: ResultWording.throttled.title,
    summary: () => 'Microsoft Graph asked us to slow down (429), so the status could not be read.',
    next: ResultWording.throttled.next,
  },
  graphFailure: {
    title: "Couldn't check status",
    summary: ResultWording.graphFailure.summary,
    next: ResultWording.graphFailure.next,
  },
};
