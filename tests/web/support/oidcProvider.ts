/**
 * A real OpenID Connect provider (`oidc-provider`) in this process on a free loopback port, with
 * its development login (any user name) and one client: Koordinasi's pages. Accounts carry the
 * organization and roles claims the pages read.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  stop(): Promise<void>;
}

export async function startOidcProvider(opts: { redirectUri: string; accounts: Record<string, { org: string; roles: string[]; name: string }> }): Promise<TestProvider> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'koordinasi-pages';
  const clientSecret = 'oidc-client-secret-0123456789abcdef';
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [opts.redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
    claims: { openid: ['sub', 'org', 'roles'], profile: ['name'] },
    // The pages read organization and roles from the ID token.
    conformIdTokenClaims: false,
    findAccount: (_ctx: unknown, id: string) => {
      const account = opts.accounts[id];
      return account ? { accountId: id, claims: async () => ({ sub: id, ...account }) } : undefined;
    },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['oidc-test-cookie-key-0123456789'] },
  });
  server.on('request', provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
