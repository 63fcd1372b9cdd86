import { once } from 'node:events';
import WebSocket from 'ws';

/** A mock user of the Playground (its YAML spells the UPN `userPrincipleName`). */
export interface PlaygroundUser {
  id: string;
  name: string;
  userPrincipleName: string;
  aadObjectId: string;
}

/** What `GET /_internal/v1/config` reports: the mock tenant, users and conversations. */
export interface PlaygroundConfig {
  tenantId: string;
  bot: { id: string; name: string };
  currentUser: PlaygroundUser;
  users: PlaygroundUser[];
  personalChat: { id: string };
  groupChats: { id: string; name: string }[];
  teams: { id: string; name: string; channels: { id: string; name: string }[] }[];
}

/** A message as the Playground shows it (bot messages arrive on the stream in this shape). */
export interface PlaygroundMessage {
  messageId: string;
  from: { id: string };
  text?: string;
  attachments?: { contentType: string; content: unknown }[];
}

/** One event of the conversation stream. */
export interface StreamEvent {
  action: 'createMessage' | 'updateMessage' | 'typing';
  actionConversationId: string;
  message?: PlaygroundMessage;
}

/** The bot's answer to an invoke: HTTP status and body. */
export interface InvokeAnswer {
  status: number;
  body: unknown;
}

/** An open conversation stream. */
export interface PlaygroundStream {
  close(): Promise<void>;
}

/** A message typed into a conversation, as `from` (a Playground user id). */
export interface OutgoingMessage {
  from: { id: string };
  text: string;
  textFormat?: 'plain' | 'markdown' | 'xml';
  mentions?: { mentioned: { id: string }; text: string }[];
}

/** Client of the Playground's own HTTP/WS API (what its web UI uses, plus the custom-activity API). */
export class PlaygroundApi {
  constructor(readonly url: string) {}

  /** The mock tenant the Playground runs with. */
  async config(): Promise<PlaygroundConfig> {
    return ((await this.request('GET', '/_internal/v1/config')) as { config: PlaygroundConfig }).config;
  }

  /** A skeleton activity for `conversationId` (serviceUrl, conversation, bot, current user), as the UI builds it. */
  async activityTemplate(conversationId: string): Promise<Record<string, unknown>> {
    const query = new URLSearchParams({ conversationId });
    return (await this.request('GET', `/_internal/v1/customActivities/template?${query}`)) as Record<string, unknown>;
  }

  /** Sends any activity to the bot verbatim; the bot's invoke response is not returned. */
  async sendActivity(activity: Record<string, unknown>): Promise<void> {
    await this.request('POST', '/_internal/v1/customActivities', activity);
  }

  /** Types a message into a conversation; in a channel, `postConversationId` is the new thread. */
  async sendMessage(
    conversationId: string,
    message: OutgoingMessage,
  ): Promise<{ messageId: string; postConversationId?: string }> {
    const body = { textFormat: 'plain', ...message };
    return (await this.request(
      'POST',
      `/_conversation/v1/conversations/${encodeURIComponent(conversationId)}/messages`,
      body,
    )) as { messageId: string; postConversationId?: string };
  }

  /**
   * Clicks a card button (`adaptiveCard/action` and the like) and returns the bot's invoke response. The
   * Playground relays a 200 as `{type, value}` and turns any other status into its own 502 carrying the
   * bot's answer (`innerHttpError`): both come back here as what the bot said.
   */
  async invoke(body: {
    name: string;
    value: unknown;
    from: { id: string };
    conversation: { id: string };
    replyToId: string;
  }): Promise<InvokeAnswer> {
    const res = await fetch(`${this.url}/_conversation/v1/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const answer = (await res.json()) as { innerHttpError?: { statusCode: number; body: unknown } };
    if (res.ok) return { status: 200, body: answer };
    if (answer.innerHttpError) return { status: answer.innerHttpError.statusCode, body: answer.innerHttpError.body };
    throw new Error(
      `Playground POST /_conversation/v1/invoke: HTTP ${res.status} ${JSON.stringify(answer).slice(0, 500)}`,
    );
  }

  /** Subscribes to what the Playground shows (bot messages, updates, typing); resolves once connected. */
  async stream(onEvent: (event: StreamEvent) => void, onLost?: () => void): Promise<PlaygroundStream> {
    const ws = new WebSocket(`${this.url.replace(/^http/, 'ws')}/_ws_conversation/v1/conversations/stream`);
    let closing = false;
    ws.on('message', (data) => {
      const event = parseEvent(String(data));
      if (event) onEvent(event);
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('error', reject);
      ws.once('open', () => {
        ws.off('error', reject);
        resolve();
      });
    });
    // 'close' always follows 'error'; report it there, once.
    ws.on('error', () => undefined);
    ws.on('close', () => closing || onLost?.());
    return {
      close: async () => {
        closing = true;
        if (ws.readyState === WebSocket.CLOSED) return;
        const closed = once(ws, 'close');
        ws.close();
        await closed;
      },
    };
  }

  private async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const init: RequestInit = { method, signal: AbortSignal.timeout(15_000) };
    if (body !== undefined)
      Object.assign(init, { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    const res = await fetch(`${this.url}${path}`, init);
    const text = await res.text();
    if (!res.ok) throw new Error(`Playground ${method} ${path}: HTTP ${res.status} ${text.slice(0, 500)}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  }
}

function parseEvent(data: string): StreamEvent | undefined {
  try {
    const event = JSON.parse(data) as Partial<StreamEvent>;
    return typeof event.action === 'string' && typeof event.actionConversationId === 'string'
      ? (event as StreamEvent)
      : undefined;
  } catch {
    return undefined; // not an event of ours
  }
}
