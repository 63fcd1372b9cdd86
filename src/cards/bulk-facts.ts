/** Facts and list helpers shared by the bulk and history cards. */
import type { BulkSource } from '../services/bulk-views';
import type { Actor } from '../services/outcomes';
import { escapeMarkdown, Labels, truncate } from './wording';
import { actorFact, fact, personFact, type Fact } from './facts';
import { formatCount } from './bulk-format';
import { andMore, BulkLabels, IDS_SOURCE } from './bulk-wording';
import { MAX_ECHO_LENGTH } from './shared-wording';

/** Part of a long list: the items shown, and "and N more" when some are left out. */
export interface ShortList<T> {
  items: T[];
  more?: string;
}

/** The first `max` items mapped by `show`, plus "and N more" for the rest (of `total`, when only the first are at hand). */
export function shortList<A, T>(all: readonly A[], max: number, show: (item: A) => T, total = all.length): ShortList<T> {
  const hidden = total - Math.min(max, all.length);
  return { items: all.slice(0, max).map(show), ...(hidden > 0 ? { more: andMore(hidden) } : {}) };
}

/** Input or an id echoed back: trimmed, cut to the echo length and escaped; `blank` when nothing is left. */
export function echo(text: string, blank: string): string {
  return escapeMarkdown(truncate(text.trim(), MAX_ECHO_LENGTH)) || blank;
}

/** A row of our own wording (a count, rate or duration) shown as is; none when the value is missing. */
export function ownFact(title: string, value: string | undefined): Fact[] {
  // Not escaped: escapeMarkdown would turn "42.5" into "42\.5", a list-marker guard these values never need.
  return value ? [{ title, value }] : [];
}

/** A count as a fact; always shown, zero included. */
export function countFact(title: string, n: number): Fact[] {
  return ownFact(title, formatCount(n));
}

/** Where a job's assignments come from: the list sent, or the access package by name and id. */
export function sourceFacts(source: BulkSource): Fact[] {
  return source.kind === 'ids'
    ? fact(BulkLabels.source, IDS_SOURCE)
    : personFact(Labels.accessPackage, source.displayName, source.accessPackageId);
}

/** The job's owner, its source and its id (for support). */
export function jobFacts(owner: Actor, source: BulkSource, jobId: string): Fact[] {
  return [
    ...actorFact(BulkLabels.owner, owner),
    ...sourceFacts(source),
    ...fact(BulkLabels.jobId, jobId),
  ];
}
