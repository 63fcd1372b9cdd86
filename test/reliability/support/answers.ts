import type { Channel, ConnectorCall } from '../../../sandbox/channel';
import type { AdaptiveCardJson } from '../../../src/cards/templates';
import { cardsOf } from '../../support/cards';

/** Teams refuses bot messages above about 28 KB; an answer must fit. */
export const TEAMS_MESSAGE_LIMIT = 28 * 1024;
const SHORT_TEXT = 1_000;
const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';
const OAUTH = 'application/vnd.microsoft.card.oauth';

/** One activity the bot sent to the connector, reduced to what the reliability checks read. */
export interface Seen {
  kind: ConnectorCall['kind'];
  /** The id the connector gave the message (what a later update or click refers to). */
  activityId?: string;
  at: number;
  bytes: number;
  contentTypes: string[];
  /** The message's Adaptive Card, when the book keeps cards and it has one. */
  card?: AdaptiveCardJson;
}

/**
 * Drains the channel emulator's records as they arrive and indexes them by what they answer (`reply:<activity
 * id>`, `update:<message id>`) and by conversation, so long runs keep no connector history and many commands can wait at once.
 * Typing indicators are not answers and are only counted. Every message is checked against {@link problemOf}.
 */
export class AnswerBook {
  readonly violations: string[] = [];
  typing = 0;
  private readonly seen = new Map<string, Seen[]>();
  private readonly waiters = new Map<string, Set<() => void>>();
  private readonly timer: NodeJS.Timeout;

  /** `keepCards`: keep messages' cards for wording checks (all, or those under the keys it accepts); `byConversation`: also index under `conversation:<id>`. */
  constructor(
    private readonly channel: Channel,
    private readonly keepCards: boolean | ((key: string) => boolean) = true,
    private readonly byConversation = true,
  ) {
    this.timer = setInterval(() => this.drain(), 20);
  }

  /** Messages and updates recorded under `key` so far. */
  of(key: string): Seen[] {
    this.drain();
    return this.seen.get(key) ?? [];
  }

  /** Resolves with the first entry under `key`, or undefined after `timeoutMs`. */
  first(key: string, timeoutMs: number): Promise<Seen | undefined> {
    return this.nth(key, 1, timeoutMs);
  }

  /** Resolves with the `n`th (1-based) entry under `key`, or undefined after `timeoutMs`. */
  async nth(key: string, n: number, timeoutMs: number): Promise<Seen | undefined> {
    const deadline = Date.now() + timeoutMs;
    while (this.of(key).length < n && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const set = this.waiters.get(key) ?? new Set();
        const wake = (): void => {
          clearTimeout(timer);
          set.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, Math.max(1, deadline - Date.now()));
        set.add(wake);
        this.waiters.set(key, set);
      });
    }
    return this.of(key)[n - 1];
  }

  /** Drops what is known about `key` (long runs). */
  forget(key: string): void {
    this.seen.delete(key);
  }

  stop(): void {
    clearInterval(this.timer);
    this.drain();
  }

  private drain(): void {
    for (const record of this.channel.records.splice(0)) {
      if (record.activity.type === 'typing') {
        this.typing++;
        continue;
      }
      const json = JSON.stringify(record.activity);
      const problem = problemOf(record, json);
      if (problem && this.violations.length < 100) this.violations.push(`${keyOf(record)}: ${problem}`);
      const contentTypes = (record.activity.attachments ?? []).map((a) => a.contentType);
      const key = keyOf(record);
      const keep = typeof this.keepCards === 'function' ? this.keepCards(key) : this.keepCards;
      const card = keep ? cardsOf(record.activity)[0] : undefined;
      const seen: Seen = {
        kind: record.kind,
        activityId: record.activityId,
        at: record.at,
        bytes: Buffer.byteLength(json),
        contentTypes,
        ...(card ? { card } : {}),
      };
      this.add(key, seen);
      if (this.byConversation) this.add(`conversation:${record.conversationId}`, seen);
    }
  }

  private add(key: string, seen: Seen): void {
    const list = this.seen.get(key) ?? [];
    list.push(seen);
    this.seen.set(key, list);
    this.waiters.get(key)?.forEach((wake) => wake());
    this.waiters.delete(key);
  }
}

/** `reply:<id>` for replies to activity `id`, `update:<id>` for updates of message `id`, else kind + conversation. */
export function keyOf(record: ConnectorCall): string {
  if (record.kind === 'reply') return `reply:${record.replyToId ?? ''}`;
  if (record.kind === 'update') return `update:${record.activityId ?? ''}`;
  return `${record.kind}:${record.conversationId}`;
}

/** Why a message the bot sent is not "a card or a short message" that Teams would show; undefined when fine. */
export function problemOf(record: ConnectorCall, json: string): string | undefined {
  if (record.kind === 'delete' || record.kind === 'create') return undefined;
  if (Buffer.byteLength(json) > TEAMS_MESSAGE_LIMIT)
    return `message of ${Buffer.byteLength(json)} bytes exceeds Teams' limit`;
  if (json.includes('${')) return 'unexpanded template syntax ${ in the message';
  const attachments = record.activity.attachments ?? [];
  if (attachments.length > 0) {
    const odd = attachments.find((a) => a.contentType !== ADAPTIVE && a.contentType !== OAUTH);
    return odd ? `unexpected attachment ${odd.contentType}` : undefined;
  }
  const text = record.activity.text ?? '';
  if (text.length === 0) return 'message with neither card nor text';
  return text.length > SHORT_TEXT ? `text message of ${text.length} characters` : undefined;
}

/** True for an OAuthCard (sign-in prompt) message. */
export function isSignInPrompt(seen: Seen): boolean {
  return seen.contentTypes.includes(OAUTH);
}
