import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { nodeRuntimeArgs, REPO_ROOT } from './service.process';

const services = readdirSync(join(REPO_ROOT, 'apps'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** What a node started with `args` reports about itself. */
function heapLimitMiB(args: string[]): number {
  const script = "process.stdout.write(String(require('v8').getHeapStatistics().heap_size_limit / 2 ** 20))";
  return Number(execFileSync(process.execPath, [...args, '-e', script], { encoding: 'utf8' }));
}

describe('nodeRuntimeArgs', () => {
  it.each(services)('%s: node starts with its flags (a mistyped flag would stop the service from starting)', (service) => {
    expect(heapLimitMiB(nodeRuntimeArgs(service))).toBeGreaterThan(0);
  });

  it('gives every service the shared flags first, order-ingest its heap cap and availability no pretenuring as well', () => {
    const shared = nodeRuntimeArgs();
    expect(shared).toContain('--no-maglev');
    for (const service of services) expect(nodeRuntimeArgs(service).slice(0, shared.length)).toEqual(shared);
    // 192 MiB old space plus the young generation's semi-spaces: far below V8's machine-sized default (~4 GiB here).
    expect(heapLimitMiB(nodeRuntimeArgs('order-ingest'))).toBeLessThan(300);
    expect(heapLimitMiB([])).toBeGreaterThan(1000);
    expect(nodeRuntimeArgs('availability')).toContain('--no-allocation-site-pretenuring');
    expect(nodeRuntimeArgs('order-ingest')).not.toContain('--no-allocation-site-pretenuring');
  });
});
