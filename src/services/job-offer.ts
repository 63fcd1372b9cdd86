import { createHash, randomUUID } from 'node:crypto';
import type { Job, SkippedInputs } from '../storage/jobs';
import type { Actor } from './outcomes';

// A job keeps the first skipped inputs (what a card lists) and how many there were, never the whole paste.
const SKIPPED_KEPT = 10;
const SKIPPED_CHARS = 100;

/** Where and by whom a job is offered: its tenant, its creator, and the conversation whose buttons may act on it. */
export interface OfferPlace {
  tenantId: string;
  actor: Actor;
  /** The serialized Bot Framework conversation reference (to update the job's card later). */
  conversation: Record<string, unknown>;
  now: Date;
}

/** A new job awaiting confirmation: nothing is sent to Graph until someone confirms it. */
export function newJob(
  place: OfferPlace,
  ids: string[],
  skipped: SkippedInputs,
  source: Job['source'],
  id: string = randomUUID(),
): Job {
  const { actor, tenantId, conversation } = place;
  const now = place.now.toISOString();
  return {
    id,
    tenantId,
    createdBy: actor.aadObjectId ?? '',
    owner: { aadObjectId: actor.aadObjectId ?? '', name: actor.name, ...(actor.upn ? { upn: actor.upn } : {}) },
    source,
    state: 'awaitingConfirmation',
    items: ids.map((itemId) => ({ id: itemId, status: 'pending', attempts: 0 })),
    skipped,
    conversation,
    createdAt: now,
    updatedAt: now,
  };
}

/** Inputs that were not ids, as a job keeps them: how many, and the first few, each shortened. */
export function keepSkipped(inputs: string[], count = inputs.length): SkippedInputs {
  return { count, first: inputs.slice(0, SKIPPED_KEPT).map((input) => input.slice(0, SKIPPED_CHARS)) };
}

/**
 * The id of the job one button of one card offers (a package of the choice card): the same click delivered twice
 * (Teams retries, a double click) names the same job, so it is offered once. Formatted as a version-4 GUID.
 */
export function offerIdFor(...parts: string[]): string {
  const hex = createHash('sha256').update(JSON.stringify(parts)).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
