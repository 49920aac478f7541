/**
 * The self-hosted Temporal server and its schema tool, built from Go modules at the pinned version
 * into a cache OUTSIDE the repository (~/.cache/koordinasi/temporal-server/v<version>/bin), so a
 * fresh clone on the same machine (CI) finds them built, and a fresh machine builds them once
 * (about 10-20 minutes on 2 cores) with progress on stderr. Neither the binaries nor the server's
 * source are part of the repository: the schema files are read from the Go module cache.
 */
import { execFile, spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { TemporalBuildError } from '../temporal/buildError';
import { STACK, TEMPORAL_MODULE, TEMPORAL_PACKAGES } from './settings';


export interface TemporalBinaries {
  server: string;
  sql: string;
  /** The module's source in the Go module cache (schema/ and config/ are read from there). */
  moduleDir: string;
}

/** Where the binaries of `version` live; KOORDINASI_TEMPORAL_CACHE moves the whole cache. */
export function temporalCacheDir(env: NodeJS.ProcessEnv = process.env, version: string = STACK.temporalVersion): string {
  const base = env.KOORDINASI_TEMPORAL_CACHE ?? path.join(env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'koordinasi', 'temporal-server');
  return path.join(base, `v${version}`);
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The Go environment: the pinned toolchain (fetched by `go` itself), never a workspace of ours. */
function goEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, GOTOOLCHAIN: STACK.goToolchain, GOWORK: 'off', GOFLAGS: '-mod=mod', ...extra };
}

/** Path of the module's source at the pinned version, downloading it if the module cache lacks it. */
export async function temporalModuleDir(): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)('go', ['mod', 'download', '-json', `${TEMPORAL_MODULE}@v${STACK.temporalVersion}`], {
      env: goEnv(),
      cwd: os.tmpdir(),
      maxBuffer: 1 << 20,
    });
    const dir = (JSON.parse(stdout) as { Dir?: string }).Dir;
    if (!dir || !existsSync(dir)) throw new Error(`no Dir in: ${stdout.slice(0, 200)}`);
    return dir;
  } catch (err) {
    throw new TemporalBuildError(`cannot get ${TEMPORAL_MODULE}@v${STACK.temporalVersion} from the Go module proxy (is Go installed?): ${(err as Error).message}`);
  }
}

/**
 * The binaries, building them first when the cache lacks them. The build goes to a private folder
 * and is renamed into place at the end, so an interrupted build is never mistaken for a finished one.
 */
export async function ensureTemporalBinaries(opts: { progress?: (line: string) => void; env?: NodeJS.ProcessEnv } = {}): Promise<TemporalBinaries> {
  const progress = opts.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
  const dir = temporalCacheDir(opts.env);
  const bin = path.join(dir, 'bin');
  const server = path.join(bin, 'server');
  const sql = path.join(bin, 'sql');
  if (!(executable(server) && executable(sql))) await build(dir, progress);
  return { server, sql, moduleDir: await temporalModuleDir() };
}

async function build(dir: string, progress: (line: string) => void): Promise<void> {
  const partial = path.join(dir, `bin.partial-${process.pid}`);
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const started = Date.now();
  const minutes = () => ((Date.now() - started) / 60_000).toFixed(1);
  progress(
    `building the Temporal server v${STACK.temporalVersion} and its schema tool from Go modules into ${dir} ` +
      `(first time on this machine only; 10-20 minutes on 2 cores)`,
  );
  const args = ['install', `${TEMPORAL_PACKAGES.server}@v${STACK.temporalVersion}`, `${TEMPORAL_PACKAGES.sql}@v${STACK.temporalVersion}`];
  // Niced: a build on a shared machine must not starve everybody's tests.
  const [cmd, argv] = process.platform === 'win32' ? ['go', args] : ['nice', ['-n', '15', 'go', ...args]];
  const child = spawn(cmd, argv, { env: goEnv({ GOBIN: partial }), cwd: os.tmpdir(), stdio: ['ignore', 'pipe', 'pipe'] });
  const tail: string[] = [];
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      tail.push(line);
      if (tail.length > 30) tail.shift();
      if (/^go: (downloading go1|downloading go\.temporal\.io\/server)/.test(line)) progress(`  ${line}`);
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const ticker = setInterval(() => progress(`  still building the Temporal server (${minutes()} min)`), 60_000);
  const exit = await new Promise<number | null>((resolve, reject) => {
    child.once('error', (err) => reject(new TemporalBuildError(`cannot run go (install Go 1.21 or newer): ${err.message}`)));
    child.once('exit', (code) => resolve(code));
  }).finally(() => clearInterval(ticker));
  if (exit !== 0) {
    rmSync(partial, { recursive: true, force: true });
    throw new TemporalBuildError(`building the Temporal server failed (exit ${exit}):\n${tail.join('\n')}`);
  }
  const bin = path.join(dir, 'bin');
  if (executable(path.join(bin, 'server')) && executable(path.join(bin, 'sql'))) {
    rmSync(partial, { recursive: true, force: true }); // another build finished first: keep its binaries
  } else {
    rmSync(bin, { recursive: true, force: true });
    renameSync(partial, bin);
  }
  progress(`built the Temporal server v${STACK.temporalVersion} in ${minutes()} min`);
}
