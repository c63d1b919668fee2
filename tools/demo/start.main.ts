// `npm start`: every hub service against the configured infrastructure (default: the local native
// stack), the simulated ERP/WMS/Amazon for every system the environment does not point at, one
// supervisor. Ctrl-C / SIGTERM stops everything; a service that dies stops the rest and exits 1.
import { launchHub } from './hub/hub.launcher';
import { ServiceDiedError } from './hub/supervisor';

async function main(): Promise<void> {
  const log = (line: string) => console.error(line);
  // CROSSDOCK_SIMULATOR_PORTS=free: a second hub on the machine (the API fuzz run) must not take the fixed ports.
  const simulatorPorts = process.env['CROSSDOCK_SIMULATOR_PORTS'] === 'free' ? 'free' : 'fixed';
  const hub = await launchHub({ seed: Number(process.env['SIMULATOR_SEED'] ?? 42), itemCount: 300, simulatorActivityMs: 2000, simulatorPorts, log });
  log('[hub] all services ready; Ctrl-C stops them');
  const stopped = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  try {
    await Promise.race([stopped, hub.supervisor.deathWatch()]);
    log('[hub] stopping...');
    await hub.stop();
  } catch (error) {
    await hub.stop();
    throw error;
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof ServiceDiedError ? `[hub] ${error.message}; stopped the other services` : error);
    process.exit(1);
  },
);
