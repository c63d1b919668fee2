import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, SERVICES_MANIFEST } from './service-paths';

/** One hub service as infra/services.json lists it. */
export interface ServiceEntry {
  /** Kebab-case; the app is apps/<name>, its variables are suffixed <NAME_WITH_UNDERSCORES>. */
  readonly name: string;
  /** Its HTTP port under `npm start` and docker compose. */
  readonly port: number;
  /** Its PostgreSQL database: always the name with underscores. */
  readonly database: string;
  /** The Nx scope tag its projects carry (connectors share one). */
  readonly scope: string;
}

export interface ServicesManifest {
  /** In start order: producers of the tables first. */
  readonly services: readonly ServiceEntry[];
  /** Databases the infrastructure itself needs (the native registry's storage), no service's. */
  readonly infrastructureDatabases: readonly string[];
}

/** Every problem found in one pass, each naming its place, so a broken manifest is fixed at once. */
export class ServicesManifestError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`${source} is invalid:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ServicesManifestError';
  }
}

const KEBAB_CASE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const DATABASE_NAME = /^[a-z_][a-z0-9_]*$/;
const SERVICE_FIELDS = ['name', 'port', 'database', 'scope'];
const MANIFEST_FIELDS = ['$comment', 'services', 'infrastructureDatabases'];

/** `order-ingest` -> `order_ingest`: a service's database, and (upper-cased) its variables' suffix. */
export function databaseFor(serviceName: string): string {
  return serviceName.replace(/-/g, '_');
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function unknownFields(record: Record<string, unknown>, known: readonly string[], where: string): string[] {
  return Object.keys(record)
    .filter((key) => !known.includes(key))
    .map((key) => `${where}: unknown field "${key}" (known: ${known.join(', ')})`);
}

function parseService(raw: unknown, where: string, problems: string[]): ServiceEntry | null {
  if (!isRecord(raw)) {
    problems.push(`${where}: not an object`);
    return null;
  }
  problems.push(...unknownFields(raw, SERVICE_FIELDS, where));
  const name = typeof raw['name'] === 'string' && KEBAB_CASE.test(raw['name']) ? raw['name'] : null;
  const port = typeof raw['port'] === 'number' && Number.isInteger(raw['port']) && raw['port'] >= 1 && raw['port'] <= 65535 ? raw['port'] : null;
  const scope = typeof raw['scope'] === 'string' && KEBAB_CASE.test(raw['scope']) ? raw['scope'] : null;
  const database = name !== null && raw['database'] === databaseFor(name) ? databaseFor(name) : null;
  if (name === null) problems.push(`${where}.name: ${JSON.stringify(raw['name'])} is not a kebab-case name (e.g. "shipment-events")`);
  if (port === null) problems.push(`${where}.port: ${JSON.stringify(raw['port'])} is not a TCP port`);
  if (scope === null) problems.push(`${where}.scope: ${JSON.stringify(raw['scope'])} is not a kebab-case scope`);
  if (name !== null && database === null) {
    problems.push(`${where}.database: ${JSON.stringify(raw['database'])} must be the name with underscores, "${databaseFor(name)}"`);
  }
  return name !== null && port !== null && scope !== null && database !== null ? { name, port, database, scope } : null;
}

/** Reports each value that more than one entry claims, naming the claimants. */
function duplicates(entries: readonly { readonly owner: string; readonly value: string | number }[], what: string): string[] {
  const owners = new Map<string | number, string[]>();
  for (const { owner, value } of entries) owners.set(value, [...(owners.get(value) ?? []), owner]);
  return [...owners]
    .filter(([, claimants]) => claimants.length > 1)
    .map(([value, claimants]) => `${what} ${JSON.stringify(value)} is claimed by ${claimants.join(' and ')}`);
}

/** Validates the manifest's parsed JSON: shapes, naming rules and uniqueness of names, ports and databases. */
export function parseServicesManifest(raw: unknown, source: string = SERVICES_MANIFEST): ServicesManifest {
  const problems: string[] = [];
  if (!isRecord(raw)) throw new ServicesManifestError(source, ['the top level is not an object']);
  problems.push(...unknownFields(raw, MANIFEST_FIELDS, 'top level'));

  const services: ServiceEntry[] = [];
  const positions: string[] = [];
  if (!Array.isArray(raw['services']) || raw['services'].length === 0) {
    problems.push('services: must be a non-empty list');
  } else {
    raw['services'].forEach((entry: unknown, index) => {
      const name = isRecord(entry) && typeof entry['name'] === 'string' ? ` (${entry['name']})` : '';
      const service = parseService(entry, `services[${index}]${name}`, problems);
      if (service) {
        services.push(service);
        positions.push(`services[${index}]`);
      }
    });
  }

  const infrastructureDatabases: string[] = [];
  const rawInfrastructure = raw['infrastructureDatabases'] ?? [];
  if (!Array.isArray(rawInfrastructure)) {
    problems.push('infrastructureDatabases: must be a list of database names');
  } else {
    rawInfrastructure.forEach((database: unknown, index) => {
      if (typeof database === 'string' && DATABASE_NAME.test(database)) infrastructureDatabases.push(database);
      else problems.push(`infrastructureDatabases[${index}]: ${JSON.stringify(database)} is not a PostgreSQL database name (lower case, digits, underscores)`);
    });
  }

  problems.push(
    ...duplicates(
      services.map((s, index) => ({ owner: positions[index] ?? s.name, value: s.name })),
      'name',
    ),
    ...duplicates(
      services.map((s) => ({ owner: s.name, value: s.port })),
      'port',
    ),
    ...duplicates(
      [
        ...services.map((s) => ({ owner: s.name, value: s.database })),
        ...infrastructureDatabases.map((database) => ({ owner: 'infrastructureDatabases', value: database })),
      ],
      'database',
    ),
  );
  if (problems.length > 0) throw new ServicesManifestError(source, problems);
  return { services, infrastructureDatabases };
}

/** Reads and validates infra/services.json (or another manifest file). */
export function readServicesManifest(file: string = path.join(REPO_ROOT, SERVICES_MANIFEST)): ServicesManifest {
  const source = path.relative(REPO_ROOT, file) || file;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ServicesManifestError(source, [error instanceof Error ? error.message : String(error)]);
  }
  return parseServicesManifest(raw, source);
}
