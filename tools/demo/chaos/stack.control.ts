import { spawn, spawnSync } from 'node:child_process';
import { REPO_ROOT } from '@crossdock/testing';

export type StackComponent = 'postgres' | 'kafka' | 'registry';

/**
 * The native stack's components as a chaos run handles them (infra/stack/stack.sh): SIGKILL one by
 * its pid, stop one gracefully, start what is down and wait until it is healthy.
 */
export class StackControl {
  /** SIGKILL, no shutdown at all: what a machine failure or the OOM killer does. */
  kill(component: StackComponent): void {
    const pid = this.pid(component);
    if (pid === null) throw new Error(`${component} is not running`);
    process.kill(pid, 'SIGKILL');
  }

  /** The component's own graceful stop (PostgreSQL: fast shutdown, sessions cut). */
  stop(component: StackComponent): Promise<void> {
    return this.stackSh(['down', component]);
  }

  /** Starts the component and resolves once it is healthy again. */
  start(component: StackComponent): Promise<void> {
    return this.stackSh(['up', component]);
  }

  pid(component: StackComponent): number | null {
    const status = spawnSync('bash', ['infra/stack/stack.sh', 'status'], { cwd: REPO_ROOT, encoding: 'utf8' });
    const line = status.stdout.split('\n').find((l) => l.startsWith(`${component} `));
    const match = line ? /pid=(\d+)/.exec(line) : null;
    return match ? Number(match[1]) : null;
  }

  private stackSh(args: string[]): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn('bash', ['infra/stack/stack.sh', ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
      let errors = '';
      child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`stack.sh ${args.join(' ')} exited ${code}: ${errors.trim().slice(-500)}`))));
    });
  }
}
