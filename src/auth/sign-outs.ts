import { storageKey } from '../storage/keys';
import type { BotStore } from '../storage/store';

// Longer than any credential is used (see MAX_CREDENTIAL_AGE_MS), so a record outlives what it must stop.
const MAX_CREDENTIAL_AGE = 24 * 60 * 60_000;

/**
 * `signout` recorded in the bot's shared storage, so every instance stops using that user's credentials obtained
 * before it; credentials obtained after it (the user signed in again) stay valid. Instances compare their own
 * clocks, which agree to well under a second on Azure; a credential obtained within that second may be refused and
 * the user silently signed in again, the safe side.
 */
export class SignOuts {
  /** No cached credential is used longer than this after it was obtained. */
  static readonly MAX_CREDENTIAL_AGE_MS = MAX_CREDENTIAL_AGE;

  constructor(private readonly store: BotStore) {}

  /** Records that `user` signed out now. */
  async record(user: string): Promise<void> {
    await this.store.set(keyOf(user), Date.now(), MAX_CREDENTIAL_AGE);
  }

  /** True when `user` signed out at or after `obtainedAt` (ms since epoch). */
  async since(user: string, obtainedAt: number): Promise<boolean> {
    const at = await this.store.get<number>(keyOf(user));
    return at !== undefined && at >= obtainedAt;
  }
}

function keyOf(user: string): string {
  return storageKey('signout', user);
}
