/**
 * Temporal's two databases on our PostgreSQL, set up with the module's own schema tool and schema
 * files (schema/postgresql/v12/{temporal,visibility}/versioned in the Go module cache), the way
 * temporalio/admin-tools does it for compose (deploy/temporal/setup-postgres.sh). Safe to repeat:
 * an existing database is kept, setup-schema only creates what is missing, update-schema only
 * applies versions not yet applied.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { STACK } from './settings';

export interface SchemaTarget {
  sqlTool: string;
  moduleDir: string;
  db: { host: string; port: number; user: string; password: string };
}

export class SchemaSetupError extends Error {}

/** The versioned schema folder of one of the two databases, inside the module's source. */
export function schemaDir(moduleDir: string, which: 'temporal' | 'visibility'): string {
  return path.join(moduleDir, 'schema', 'postgresql', 'v12', which, 'versioned');
}

async function tool(t: SchemaTarget, database: string, args: string[]): Promise<string> {
  // Credentials through the tool's environment variables, not argv (argv is visible to every user).
  const env = {
    ...process.env,
    SQL_PLUGIN: STACK.sqlPlugin,
    SQL_HOST: t.db.host,
    SQL_PORT: String(t.db.port),
    SQL_USER: t.db.user,
    SQL_PASSWORD: t.db.password,
    SQL_DATABASE: database,
  };
  try {
    const { stdout, stderr } = await promisify(execFile)(t.sqlTool, args, { env, maxBuffer: 8 << 20 });
    return `${stdout}${stderr}`;
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new SchemaSetupError(`${path.basename(t.sqlTool)} ${args.join(' ')} on ${database} failed: ${e.stderr || e.stdout || e.message}`.slice(0, 4000));
  }
}

export async function setupTemporalSchema(t: SchemaTarget, log: (line: string) => void = () => undefined): Promise<void> {
  const dbs: Array<[string, 'temporal' | 'visibility']> = [
    [STACK.databases.main, 'temporal'],
    [STACK.databases.visibility, 'visibility'],
  ];
  for (const [database, which] of dbs) {
    try {
      await tool(t, database, ['create-database', '--defaultdb', 'postgres']);
    } catch (err) {
      if (!/already exists/i.test((err as Error).message)) throw err;
    }
    await tool(t, database, ['setup-schema', '-v', '0.0']);
    await tool(t, database, ['update-schema', '-d', schemaDir(t.moduleDir, which)]);
    log(`schema of ${database} is up to date`);
  }
}
