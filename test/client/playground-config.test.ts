import * as fs from 'node:fs';
import { parse } from 'yaml';
import { DEMO, SANDBOX_BOT_ID, SANDBOX_TENANT_ID } from '../../sandbox';
import { PLAYGROUND_CONFIG } from '../../sandbox/playground';

// The checked-in Playground tenant must be the sandbox's demo tenant: the bot refuses other tenants, and the SSO
// bridge signs in whoever the Playground says the current user is.
interface YamlUser {
  id: string;
  name: string;
  userPrincipleName: string;
  aadObjectId: string;
  email: string;
}
const config = parse(fs.readFileSync(PLAYGROUND_CONFIG, 'utf8')) as {
  tenantId: string;
  bot: { id: string; name: string };
  currentUser: YamlUser;
  users: YamlUser[];
  groupChat: { id: string };
  team: { id: string; channels: { id: string }[] };
};
const person = (u: YamlUser) => ({ oid: u.aadObjectId, name: u.name, upn: u.userPrincipleName });

describe('sandbox/.m365agentsplayground.yml', () => {
  it('is the sandbox tenant, with the bot as Reprocess', () => {
    expect(config.tenantId).toBe(SANDBOX_TENANT_ID);
    expect(config.bot).toEqual({ id: `28:${SANDBOX_BOT_ID}`, name: 'Reprocess' });
  });

  it('has exactly the five demo users, with their object ids, names and UPNs', () => {
    expect(config.users).toHaveLength(5);
    expect(config.users.map(person).sort((a, b) => a.oid.localeCompare(b.oid))).toEqual(
      Object.values(DEMO.users)
        .map((u) => ({ ...u }))
        .sort((a, b) => a.oid.localeCompare(b.oid)),
    );
    for (const user of config.users) expect(user.email).toBe(user.userPrincipleName);
  });

  it('makes the Entitlement Management admin the current user, so typed commands act with a role', () => {
    expect(person(config.currentUser)).toEqual({ ...DEMO.users.admin });
  });

  it('has one group chat and one team with one channel besides General', () => {
    expect(config.groupChat.id).toBeTruthy();
    expect(config.team.channels).toHaveLength(1);
  });
});
