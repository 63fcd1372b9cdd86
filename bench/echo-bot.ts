import { ConfidentialClientApplication } from '@azure/msal-node';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import { MsalServiceClientCredentialsFactory } from 'botframework-connector';
import * as restify from 'restify';

/**
 * The comparison point of the message-path bench: a minimal botbuilder echo bot (CloudAdapter, restify) with the
 * same channel-auth configuration and outbound credential as the real bot, replying with text. Reads the same
 * environment variables the bot does.
 */
function startEchoBot(env: NodeJS.ProcessEnv): restify.Server {
  const appId = env.BOT_ID ?? '';
  const loginUrl = env.ToChannelFromBotLoginUrl ?? '';
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: appId,
    MicrosoftAppTenantId: env.BOT_TENANT_ID,
    ToBotFromChannelOpenIdMetadataUrl: env.ToBotFromChannelOpenIdMetadataUrl,
    ToBotFromChannelTokenIssuer: env.ToBotFromChannelTokenIssuer,
    ToChannelFromBotLoginUrl: loginUrl,
    ToChannelFromBotOAuthScope: env.ToChannelFromBotOAuthScope,
  };
  const msal = new ConfidentialClientApplication({
    auth: {
      clientId: appId,
      clientSecret: env.BOT_PASSWORD ?? '',
      authority: loginUrl,
      knownAuthorities: [new URL(loginUrl).host],
    },
  });
  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication(options, new MsalServiceClientCredentialsFactory(appId, msal)),
  );
  const server = restify.createServer({ name: 'echo-bot' });
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));
  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    await adapter.process(req, res, async (context) => {
      if (context.activity.type === 'message') await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
    });
  });
  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    res.json({ status: 'ok' });
  });
  server.listen(Number(env.PORT ?? 3978), '127.0.0.1');
  return server;
}

if (require.main === module) {
  const server = startEchoBot(process.env);
  // Keep-alive connections would hold close() open; the bench only needs the process gone.
  process.once('SIGTERM', () => {
    server.close();
    process.exit(0);
  });
}
