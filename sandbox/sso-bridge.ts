import { randomUUID } from 'node:crypto';
import type { PlaygroundApi, PlaygroundConfig, PlaygroundUser, StreamEvent } from './playground-api';
import type { SandboxUser } from './entra-claims';

const OAUTH_CARD = 'application/vnd.microsoft.card.oauth';

/** What the bridge needs: the Playground, a way to mint the user's Teams SSO token, somewhere to log. */
export interface SsoBridgeOptions {
  api: PlaygroundApi;
  /** The token Teams would obtain silently for this user (the Entra emulator's `mintSsoToken`). */
  mintToken: (user: SandboxUser) => string;
  log: (line: string) => void;
}

/** The running bridge. */
export interface SsoBridge {
  /** The Playground's current user, whom the bridge signs in. */
  readonly user: PlaygroundUser;
  /** How many `signin/tokenExchange` invokes it has sent (one at start, then one per sign-in card in the personal chat). */
  readonly exchanges: number;
  stop(): Promise<void>;
}

interface OAuthCard {
  connectionName?: string;
  tokenExchangeResource?: { id?: string; uri?: string };
}

/**
 * Plays the Teams client's part of SSO, which the Playground lacks. At start it signs the Playground's current
 * user in with a `signin/tokenExchange` no OAuthCard asked for: Teams never sends one unprompted, so this is a
 * sandbox stand-in with no Teams equivalent (FIELD-NOTES, "Teams": let the bridge play Teams' part for card
 * clicks, e.g. sign the Playground's user in at start). The Playground has no Universal Action SSO at all (it
 * never answers a card click's loginRequest), so without it a button clicked before any typed command could not
 * work. Then,
 * for each bot message carrying an OAuthCard with `tokenExchangeResource` in the personal chat, it sends the bot a
 * `signin/tokenExchange` invoke as that user, through the custom-activity API, with a token minted for the user.
 * The bot code path is the production one: the invoke, the On-Behalf-Of exchange, the command replayed after it.
 */
export async function startSsoBridge(opts: SsoBridgeOptions): Promise<SsoBridge> {
  // Read once: the Playground loads its mock tenant at start, and each read makes it probe the bot again.
  const config = await opts.api.config();
  const answered = new Set<string>();
  let exchanges = 0;
  const onEvent = async (event: StreamEvent): Promise<void> => {
    const card = oauthCardOf(event);
    const id = card?.tokenExchangeResource?.id;
    if (!card || !id || answered.has(id)) return;
    answered.add(id);
    try {
      if (await exchange(opts, config, event.actionConversationId, { id, connectionName: card.connectionName ?? '' }))
        exchanges += 1;
    } catch (error) {
      opts.log(
        `sso-bridge: could not answer the sign-in card in ${event.actionConversationId}: ${(error as Error).message}`,
      );
    }
  };
  const lost = () => opts.log('sso-bridge: lost the Playground stream; sign-in cards are no longer answered');
  const stream = await opts.api.stream((event) => void onEvent(event), lost);
  if (await exchange(opts, config, config.personalChat.id, { id: randomUUID(), connectionName: '' })) exchanges += 1;
  opts.log('sso-bridge: watching the Playground for sign-in cards');
  return {
    user: config.currentUser,
    get exchanges() {
      return exchanges;
    },
    stop: () => stream.close(),
  };
}

// Teams signs in silently only in personal chats; elsewhere the card stays unanswered, as in Teams.
async function exchange(
  opts: SsoBridgeOptions,
  config: PlaygroundConfig,
  conversationId: string,
  resource: { id: string; connectionName: string },
): Promise<boolean> {
  if (conversationId !== config.personalChat.id) {
    opts.log(`sso-bridge: sign-in card in ${conversationId} left alone (Teams SSO is silent only in personal chats)`);
    return false;
  }
  const user = config.currentUser;
  const token = opts.mintToken({ oid: user.aadObjectId, name: user.name, upn: user.userPrincipleName });
  const template = await opts.api.activityTemplate(conversationId);
  await opts.api.sendActivity({
    ...template,
    type: 'invoke',
    name: 'signin/tokenExchange',
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
    // As Teams sends it (microsoft/teams.net docs/sso/sso-trace-2026-04-22-summary.md, Step 5).
    channelData: { tenant: { id: config.tenantId }, source: { name: 'message' } },
    value: { ...resource, token },
  });
  opts.log(`sso-bridge: sent signin/tokenExchange ${resource.id} for ${user.name} (${user.aadObjectId})`);
  return true;
}

function oauthCardOf(event: StreamEvent): OAuthCard | undefined {
  if (event.action !== 'createMessage') return undefined;
  const attachment = event.message?.attachments?.find((a) => a.contentType === OAUTH_CARD);
  return attachment?.content as OAuthCard | undefined;
}
