import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cpus, totalmem } from 'node:os';

const RESULTS_DIR = resolve(__dirname, '../results');

/** Writes a timestamped result and `<name>-latest.json`, which later benchmarks read as their baseline. */
export function writeResult(name: string, result: object): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const record = {
    benchmark: name,
    at: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
    ...result,
  };
  const file = join(RESULTS_DIR, `${name}-${record.at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(record, null, 2));
  writeFileSync(join(RESULTS_DIR, `${name}-latest.json`), JSON.stringify(record, null, 2));
  return file;
}

export function readLatest<T>(name: string): T | undefined {
  const file = join(RESULTS_DIR, `${name}-latest.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
}
