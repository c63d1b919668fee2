import type { ContractSet } from './contract-set';
import { emitRegistryModules } from './registry-emitter';
import { emitTypeModules } from './ts-emitter';

/** Every generated module, keyed by file name inside libs/contracts/src/generated. */
export function generateModules(set: ContractSet): Map<string, string> {
  const types = emitTypeModules(set.namedTypes);
  const registry = emitRegistryModules(set, [...types.keys()]);
  return new Map([...types, ...registry].sort(([a], [b]) => a.localeCompare(b)));
}
