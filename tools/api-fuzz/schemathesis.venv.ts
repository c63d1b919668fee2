import { execFileSync, type ExecFileSyncOptions } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The schemathesis release the fuzz run is written against (its option names and checks). */
export const SCHEMATHESIS_VERSION = '4.32.5';

/** The stack's cache (infra/stack/lib.sh: CROSSDOCK_CACHE_DIR, default ~/.cache/crossdock). */
function cacheDir(env: NodeJS.ProcessEnv): string {
  return env['CROSSDOCK_CACHE_DIR'] ?? join(homedir(), '.cache', 'crossdock');
}

/**
 * The path of the pinned schemathesis, installed from PyPI into a private venv under the stack's
 * cache on first use and reused after that. The venv is named by the version, so a new pin gets a
 * new venv; an install that did not finish (no marker written after pip) is started again from scratch.
 */
export function ensureSchemathesis(log: (line: string) => void, env: NodeJS.ProcessEnv = process.env): string {
  const venv = join(cacheDir(env), `venv-schemathesis-${SCHEMATHESIS_VERSION}`);
  const executable = join(venv, 'bin', 'schemathesis');
  const installed = join(venv, '.crossdock-installed');
  if (existsSync(installed)) return executable;
  log(`[api-fuzz] installing schemathesis ${SCHEMATHESIS_VERSION} into ${venv}`);
  rmSync(venv, { recursive: true, force: true });
  const python = env['PYTHON'] ?? 'python3';
  const quiet: ExecFileSyncOptions = { stdio: ['ignore', 'ignore', 'inherit'] };
  try {
    execFileSync(python, ['-m', 'venv', venv], quiet);
  } catch (error) {
    throw new Error(`${python} -m venv ${venv} failed (Debian: apt-get install python3-venv; or set PYTHON)`, { cause: error });
  }
  execFileSync(join(venv, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', `schemathesis==${SCHEMATHESIS_VERSION}`], quiet);
  if (!existsSync(executable)) throw new Error(`pip installed schemathesis ${SCHEMATHESIS_VERSION} but ${executable} is missing`);
  writeFileSync(installed, `schemathesis==${SCHEMATHESIS_VERSION}\n`);
  return executable;
}
