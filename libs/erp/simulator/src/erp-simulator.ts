import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFileSimulator } from './erp-simulator.file-watcher';
import { startHttpSimulator } from './erp-simulator.http';
import { SimulatedErp, type SimulatorBehaviour } from './simulated-erp';

export interface ErpSimulatorOptions {
  readonly behaviour?: Partial<SimulatorBehaviour> | undefined;
  readonly host?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly apiKey?: string;
  /** Folders for the flat-file front; a fresh temp folder when omitted. */
  readonly dropDir?: string;
  readonly ackDir?: string;
  readonly filePollMs?: number;
  readonly clock?: () => number;
  readonly random?: () => number;
}

export interface ErpSimulator {
  /** The books and the misbehaviour knobs, for assertions and fault injection. */
  readonly erp: SimulatedErp;
  readonly baseUrl: string;
  readonly dropDir: string;
  readonly ackDir: string;
  stop(): Promise<void>;
}

/** One simulated ERP reachable both ways (REST and flat files), for tests and the demo. */
export async function startErpSimulator(options: ErpSimulatorOptions = {}): Promise<ErpSimulator> {
  const erp = new SimulatedErp(options.behaviour, options.clock, options.random);
  const root = options.dropDir && options.ackDir ? null : await mkdtemp(join(tmpdir(), 'erp-sim-'));
  const dropDir = options.dropDir ?? join(root ?? '', 'drop');
  const ackDir = options.ackDir ?? join(root ?? '', 'ack');
  const http = await startHttpSimulator(erp, { host: options.host, port: options.port, apiKey: options.apiKey });
  const files = await startFileSimulator(erp, { dropDir, ackDir, pollMs: options.filePollMs });
  return {
    erp,
    baseUrl: http.baseUrl,
    dropDir,
    ackDir,
    stop: async () => {
      await Promise.all([http.close(), files.stop()]);
      // Only a folder we created ourselves is ours to delete; caller-provided folders are left alone.
      if (root) await rm(root, { recursive: true, force: true });
    },
  };
}
