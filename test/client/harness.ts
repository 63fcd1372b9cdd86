import { Writable } from 'node:stream';
import { launchSandbox, type Launched } from '../../sandbox/launch';
import type { SandboxUser } from '../../sandbox/entra-claims';
import type {
  InvokeAnswer,
  PlaygroundConfig,
  PlaygroundMessage,
  PlaygroundStream,
  PlaygroundUser,
  StreamEvent,
} from '../../sandbox/playground-api';
import type { AdaptiveCardJson } from '../../src/cards/templates';
import { actionsOf } from '../support/cards';
import { EventLog } from './event-log';

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

/** An Adaptive Card the Playground shows: where, in which message, and the card (read it with test/support/cards). */
export interface Shown {
  conversationId: string;
  message: PlaygroundMessage;
  card: AdaptiveCardJson;
}

/** Who says something, where, and whether the bot is @mentioned (needed in channels and group chats). */
export interface SayOptions {
  in?: string;
  as?: PlaygroundUser;
  mentionBot?: boolean;
}

/** Starts `npm run sandbox` on free ports, quietly, and drives the Playground through its own API as its web UI does. */
export async function startClientHarness(): Promise<ClientHarness> {
  const lines: string[] = [];
  const logDestination = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const launched = await launchSandbox({
    botPort: 0,
    playgroundPort: 0,
    logDestination,
    log: (line) => lines.push(`${line}\n`),
  });
  try {
    const events = new EventLog(() => `Last log lines:\n${lines.slice(-30).join('')}`);
    const stream = await launched.api.stream((event) => events.push(event));
    return new ClientHarness(launched, await launched.api.config(), events, stream, lines);
  } catch (error) {
    await launched.stop();
    throw error;
  }
}

/** The running sandbox seen from the Playground: say things, wait for cards, click buttons. */
export class ClientHarness {
  constructor(
    readonly launched: Launched,
    readonly config: PlaygroundConfig,
    readonly events: EventLog,
    private readonly stream: PlaygroundStream,
    private readonly lines: string[],
  ) {}

  /** The Playground user for a demo-tenant user. */
  as(user: SandboxUser): PlaygroundUser {
    return (
      [this.config.currentUser, ...this.config.users].find((u) => u.aadObjectId === user.oid) ??
      fail(`${user.name} is not a Playground user`)
    );
  }

  /** Bot, bridge and Playground log lines so far. */
  logs(): string {
    return this.lines.join('');
  }

  /** Types `text` (default: the current user, in the personal chat); resolves with the conversation replies go to. */
  async say(text: string, opts: SayOptions = {}): Promise<string> {
    const { api } = this.launched;
    const conversationId = opts.in ?? this.config.personalChat.id;
    const mention = `<at>${this.config.bot.name}</at>`;
    const body = opts.mentionBot ? `${mention} ${text}` : text;
    // The Playground types as its current user only; anyone else speaks through the custom-activity API.
    if (opts.as && opts.as.id !== this.config.currentUser.id) {
      const entities = opts.mentionBot ? [{ type: 'mention', mentioned: this.config.bot, text: mention }] : [];
      const from = { id: opts.as.id, name: opts.as.name, aadObjectId: opts.as.aadObjectId };
      await api.sendActivity({
        ...(await api.activityTemplate(conversationId)),
        type: 'message',
        text: body,
        from,
        entities,
      });
      return conversationId;
    }
    const mentions = opts.mentionBot ? [{ mentioned: { id: this.config.bot.id }, text: mention }] : [];
    const sent = await api.sendMessage(conversationId, {
      from: { id: this.config.currentUser.id },
      text: body,
      mentions,
    });
    return sent.postConversationId ?? conversationId;
  }

  /** The first Adaptive Card shown in `conversationId` after `since`, as a new message or an `updateMessage`. */
  async nextCard(
    conversationId: string,
    since: number,
    action: StreamEvent['action'] = 'createMessage',
  ): Promise<Shown> {
    const event = await this.events.waitFor(
      (e) => e.action === action && e.actionConversationId === conversationId && cardOf(e) !== undefined,
      since,
    );
    return { conversationId, message: event.message as PlaygroundMessage, card: cardOf(event) as AdaptiveCardJson };
  }

  /** Says `text` and resolves with the card the bot answers with. */
  async ask(text: string, opts?: SayOptions): Promise<Shown> {
    const since = this.events.mark();
    return this.nextCard(await this.say(text, opts), since);
  }

  /** Clicks the card's Action.Execute button `title`; `token` is what Teams adds when it retries after a loginRequest. */
  async click(shown: Shown, title: string, opts: { as?: PlaygroundUser; token?: string } = {}): Promise<InvokeAnswer> {
    const buttons = actionsOf(shown.card);
    const button =
      buttons.find((a) => a.verb !== undefined && a.title === title) ??
      fail(`no "${title}" button, only ${buttons.map((b) => b.title).join(', ')}`);
    const authentication = opts.token
      ? { authentication: { id: 'client-test', connectionName: '', token: opts.token } }
      : {};
    const value = {
      action: { type: 'Action.Execute', verb: button.verb, data: button.data },
      trigger: 'manual',
      ...authentication,
    };
    const from = { id: (opts.as ?? this.config.currentUser).id };
    return this.launched.api.invoke({
      name: 'adaptiveCard/action',
      value,
      from,
      conversation: { id: shown.conversationId },
      replyToId: shown.message.messageId,
    });
  }

  /** Stops the Playground, the bot and the emulators. */
  async stop(): Promise<void> {
    await this.stream.close();
    await this.launched.stop();
  }
}

/** The card of an invoke answer as the Playground relays it: HTTP 200 with `{type, value}` (it drops statusCode). */
export function answeredCard(answer: InvokeAnswer): AdaptiveCardJson {
  const body = answer.body as { type?: string; value?: AdaptiveCardJson } | undefined;
  return answer.status === 200 && body?.type === ADAPTIVE && body.value ? body.value : {};
}

function cardOf(event: StreamEvent): unknown {
  return event.message?.attachments?.find((a) => a.contentType === ADAPTIVE)?.content;
}

function fail(message: string): never {
  throw new Error(message);
}
