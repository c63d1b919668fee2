import { execFileSync } from 'node:child_process';

/** Runs git with arguments and returns stdout; throws when git fails. */
export type Git = (args: readonly string[]) => string;

export interface FileVersion {
  readonly commit: string;
  /** Path of the file in that commit (it may have been renamed since). */
  readonly path: string;
}

export function gitIn(cwd: string): Git {
  return (args) => execFileSync('git', [...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** False outside a repository or before the first commit: then there is no history to compare with. */
export function hasCommits(git: Git): boolean {
  try {
    git(['rev-parse', '--verify', '--quiet', 'HEAD']);
    return true;
  } catch {
    return false;
  }
}

/** Every committed version of a file, newest first, following renames. */
export function fileVersions(git: Git, path: string): FileVersion[] {
  const output = git(['log', '--follow', '--format=%H', '--name-only', '--', path]);
  const versions: FileVersion[] = [];
  let commit: string | undefined;
  for (const line of output.split('\n').map((text) => text.trim())) {
    if (/^[0-9a-f]{40}$/.test(line)) commit = line;
    else if (line && commit) {
      versions.push({ commit, path: line });
      commit = undefined;
    }
  }
  return versions;
}

/** Content of a file at a commit, or undefined when the file does not exist there (deleted in that commit). */
export function showFile(git: Git, commit: string, path: string): string | undefined {
  try {
    return git(['show', `${commit}:${path}`]);
  } catch {
    return undefined;
  }
}
