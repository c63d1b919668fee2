import { updateJson, type Tree } from '@nx/devkit';

export interface ServiceEntry {
  readonly name: string;
  readonly port: number;
  readonly database: string;
  readonly scope: string;
}

interface Manifest {
  services: ServiceEntry[];
  infrastructureDatabases?: string[];
}

export const MANIFEST_PATH = 'infra/services.json';
const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * Appends the service to the manifest (last in start order: it may consume what the others publish)
 * with the next free port and a database named after it; refuses a name or port already taken.
 */
export function addToManifest(tree: Tree, name: string, port?: number): ServiceEntry {
  if (!NAME.test(name)) throw new Error(`service name '${name}' must be kebab case (lowercase letters and digits, words joined by '-')`);
  if (tree.exists(`apps/${name}`)) throw new Error(`apps/${name} already exists`);
  let entry: ServiceEntry | undefined;
  updateJson(tree, MANIFEST_PATH, (manifest: Manifest) => {
    if (manifest.services.some((s) => s.name === name)) throw new Error(`${MANIFEST_PATH} already lists ${name}`);
    const chosen = port ?? Math.max(3000, ...manifest.services.map((s) => s.port)) + 1;
    if (manifest.services.some((s) => s.port === chosen)) throw new Error(`port ${chosen} is taken in ${MANIFEST_PATH}`);
    entry = { name, port: chosen, database: name.replace(/-/g, '_'), scope: name };
    return { ...manifest, services: [...manifest.services, entry] };
  });
  if (!entry) throw new Error(`${MANIFEST_PATH} could not be updated`);
  return entry;
}
