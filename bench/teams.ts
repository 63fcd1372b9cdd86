import * as activities from '../sandbox/activities';
import type { Sandbox, SandboxUser } from '../sandbox';
import { postJson, type Posted } from './http';

/** Posts Teams activities to one bot as the channel emulator would: signed, from 1:1 chats of sandbox users. */
export class TeamsClient {
  // One channel token per client, as Teams reuses its token until it expires (an hour).
  private readonly token: string;

  constructor(
    private readonly sandbox: Sandbox,
    readonly botUrl: string,
  ) {
    this.token = sandbox.channel.signChannelToken({ serviceUrl: sandbox.channel.serviceUrl });
  }

  /** A 1:1 message from `user`. */
  message(user: SandboxUser, text: string): Promise<Posted> {
    return postJson(this.botUrl, activities.message({ ...this.where(user), text }), this.token);
  }

  /** An invoke from `user` (e.g. a card click with `replyToId` = the card's activity id). */
  invoke(user: SandboxUser, name: string, value: unknown, replyToId?: string): Promise<Posted> {
    return postJson(
      this.botUrl,
      activities.invoke(name, value, { ...this.where(user), ...(replyToId ? { replyToId } : {}) }),
      this.token,
    );
  }

  /** Signs `user` in the way Teams does after the OAuthCard: a `signin/tokenExchange` with a fresh SSO token. */
  async signIn(user: SandboxUser): Promise<void> {
    const value = {
      id: `bench-${user.oid}-${Date.now()}`,
      connectionName: '',
      token: this.sandbox.entra.mintSsoToken(user),
    };
    const answer = await this.invoke(user, 'signin/tokenExchange', value);
    if (answer.status !== 200) throw new Error(`sign-in of ${user.name} answered ${answer.status}: ${answer.body}`);
  }

  private where(user: SandboxUser): activities.ActivityOptions {
    return {
      user,
      tenantId: this.sandbox.tenantId,
      serviceUrl: this.sandbox.channel.serviceUrl,
      botAppId: this.sandbox.env.BOT_ID ?? '',
    };
  }
}
