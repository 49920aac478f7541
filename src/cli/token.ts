/**
 * Development token: `npm run token -- --org <id> --sub <user> [--role admin] [--ttl 8h]`.
 * Prints an HS256 JWT signed with JWT_SECRET for the API's Authorization header. Refuses when the
 * configuration uses JWKS (production identity comes from the OIDC provider, never from here) and
 * when the organization is not in the directory.
 */
import { parseArgs } from 'node:util';
import { signDevToken } from '../api/auth';
import { ConfigError, loadConfig } from '../config';
import { DirectoryError, loadDirectory } from '../directory/directory';
import { withDevSecret } from '../process/devSecret';

const USAGE = 'usage: npm run token -- --org <organization-id> --sub <user> [--role staff|admin]... [--ttl 8h]';

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        org: { type: 'string' },
        sub: { type: 'string' },
        role: { type: 'string', multiple: true },
        ttl: { type: 'string', default: '8h' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.org || !values.sub) {
    console.error(USAGE);
    return 2;
  }
  // Outside production with no authentication configured: the secret `npm start` generated in
  // DATA_DIR (created now if this runs first), so no secret needs to be copied by hand.
  const { config } = withDevSecret(loadConfig());
  if (config.JWKS_URL) {
    console.error('refusing: the server is configured for JWKS (JWKS_URL is set); get tokens from your identity provider');
    return 1;
  }
  if (!config.JWT_SECRET) {
    console.error('refusing: JWT_SECRET is not set (NODE_ENV=production never uses the development secret)');
    return 1;
  }
  const directory = loadDirectory(config.DIRECTORY_PATH);
  if (!directory.has(values.org)) {
    console.error(`unknown organization "${values.org}"; known: ${directory.organizations.map((o) => o.id).join(', ')}`);
    return 1;
  }
  const roles = [...new Set(['staff', ...(values.role ?? [])])];
  const bad = roles.filter((r) => r !== 'staff' && r !== 'admin');
  if (bad.length) {
    console.error(`unknown role(s) ${bad.join(', ')}: use staff or admin`);
    return 2;
  }
  const token = await signDevToken(config.JWT_SECRET, { sub: values.sub, org: values.org, roles }, {
    expiresIn: values.ttl,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
  });
  console.log(token);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof ConfigError || err instanceof DirectoryError ? err.message : err);
    process.exit(1);
  },
);
