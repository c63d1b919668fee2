import { appendFileSync } from 'node:fs';
import { ServiceProcess as SharedServiceProcess } from '@crossdock/testing';

/**
 * The shared ServiceProcess (libs/testing, also used by `npm start` / `npm run demo`), with the
 * benchmarks' knobs: BENCH_SERVICE_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to see where
 * the service spends its time; BENCH_SERVICE_OUTPUT=/tmp/service.log to keep what the service
 * prints (e.g. with `--trace-gc`). By default stdout is dropped and stderr inherited, so stdout
 * stays the report.
 */
export class ServiceProcess extends SharedServiceProcess {
  constructor(service: string, env: Record<string, string>, port: number) {
    const file = process.env['BENCH_SERVICE_OUTPUT'];
    super(service, env, port, {
      nodeArgs: (process.env['BENCH_SERVICE_NODE_ARGS'] ?? '').split(' ').filter(Boolean),
      output: file ? (line) => appendFileSync(file, `${new Date().toISOString()} ${line}\n`) : 'ignore',
    });
  }
}
