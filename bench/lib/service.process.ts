import { ServiceProcess as SharedServiceProcess } from '@crossdock/testing';

/**
 * The shared ServiceProcess (libs/testing, also used by `npm start` / `npm run demo`), with the
 * benchmarks' knob: e.g. BENCH_SERVICE_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to see where
 * the service spends its time. Output: stdout dropped, stderr inherited, so stdout stays the report.
 */
export class ServiceProcess extends SharedServiceProcess {
  constructor(service: string, env: Record<string, string>, port: number) {
    super(service, env, port, { nodeArgs: (process.env['BENCH_SERVICE_NODE_ARGS'] ?? '').split(' ').filter(Boolean), output: 'ignore' });
  }
}
