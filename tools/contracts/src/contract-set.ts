import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseCatalog, type Catalog, type CatalogTopic } from './catalog.loader';
import { CATALOG_PATH, REPO_ROOT, SCHEMAS_DIR } from './contract-paths';
import { ContractError } from './contract-error';
import { modelSchemaFile, type NamedTypeModel, type SchemaFileModel, type TypeRef } from './avro-model';

/** Where contract files come from: the working tree, or a fixture in tests. */
export interface ContractSource {
  readCatalog(): string;
  /** Paths relative to schemas/avro, e.g. `orders/channel-order.avsc`. */
  listSchemaFiles(): string[];
  readSchemaFile(relativePath: string): string;
}

export interface ContractSet {
  readonly catalog: Catalog;
  readonly files: readonly SchemaFileModel[];
  readonly namedTypes: ReadonlyMap<string, NamedTypeModel>;
}

const TOPIC_NAME = /^crossdock\.([a-z][a-z0-9-]*)\.([a-z][a-z0-9-]*)\.v([1-9][0-9]*)$/;
const DEAD_LETTER_DOMAIN = 'dlq';

export function workingTreeSource(root: string = REPO_ROOT): ContractSource {
  const schemasDir = path.join(root, SCHEMAS_DIR);
  return {
    readCatalog: () => readFileSync(path.join(root, CATALOG_PATH), 'utf8'),
    listSchemaFiles: () =>
      (readdirSync(schemasDir, { recursive: true, encoding: 'utf8' }) as string[])
        .filter((file) => file.endsWith('.avsc'))
        .map((file) => file.split(path.sep).join('/'))
        .sort(),
    readSchemaFile: (relativePath) => readFileSync(path.join(schemasDir, relativePath), 'utf8'),
  };
}

/** Loads the catalog and every schema and checks them together; throws with every problem found. */
export function loadContractSet(source: ContractSource): ContractSet {
  const problems: string[] = [];
  let catalog: Catalog | undefined;
  try {
    catalog = parseCatalog(source.readCatalog());
  } catch (error) {
    if (!(error instanceof ContractError)) throw error;
    problems.push(...error.problems);
  }
  const files: SchemaFileModel[] = [];
  for (const file of source.listSchemaFiles()) {
    const where = `${SCHEMAS_DIR}/${file}`;
    let json: unknown;
    try {
      json = JSON.parse(source.readSchemaFile(file));
    } catch (error) {
      problems.push(`${where}: not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    const model = modelSchemaFile(file, json, problems);
    if (model) files.push(model);
  }
  const namedTypes = mergeNamedTypes(files, problems);
  if (catalog) checkCatalog(catalog, files, problems);
  if (problems.length > 0 || !catalog) throw new ContractError(problems);
  return { catalog, files, namedTypes };
}

/**
 * Shared types (SalesChannel, LocationType, PostalAddress) are copied into every schema that uses
 * them, because each subject must be self-contained in the registry. One full name must mean one
 * shape, or the generated TypeScript type would lie for some topic.
 */
function mergeNamedTypes(files: readonly SchemaFileModel[], problems: string[]): Map<string, NamedTypeModel> {
  const byFullName = new Map<string, NamedTypeModel>();
  const byShortName = new Map<string, string>();
  const namespaceBySegment = new Map<string, string>();
  for (const type of files.flatMap((file) => file.namedTypes)) {
    const existing = byFullName.get(type.fullName);
    if (existing) {
      if (existing.definition !== type.definition) {
        problems.push(
          `${SCHEMAS_DIR}/${type.source}: ${type.fullName} differs from its definition in ${SCHEMAS_DIR}/${existing.source}; copies of a shared type must be identical`,
        );
      }
      continue;
    }
    const clash = byShortName.get(type.name);
    if (clash) problems.push(`${SCHEMAS_DIR}/${type.source}: ${type.fullName} and ${clash} would both generate the TypeScript type ${type.name}`);
    const segment = type.namespace.split('.').pop() ?? '';
    const otherNamespace = namespaceBySegment.get(segment);
    if (otherNamespace && otherNamespace !== type.namespace) {
      problems.push(`${SCHEMAS_DIR}/${type.source}: namespaces ${type.namespace} and ${otherNamespace} would share generated file ${segment}.types.ts`);
    }
    byFullName.set(type.fullName, type);
    byShortName.set(type.name, type.fullName);
    namespaceBySegment.set(segment, type.namespace);
  }
  return byFullName;
}

function checkCatalog(catalog: Catalog, files: readonly SchemaFileModel[], problems: string[]): void {
  const filesByPath = new Map(files.map((file) => [file.path, file]));
  const names = new Map<string, string>();
  const deadLetterOwners = new Map<string, string[]>();
  for (const topic of catalog.topics) {
    const where = `${CATALOG_PATH}: topics.${topic.key}`;
    const clash = names.get(topic.name);
    if (clash) problems.push(`${where}.name: '${topic.name}' is already used by topics.${clash}`);
    names.set(topic.name, topic.key);
    const file = filesByPath.get(topic.value.schema);
    if (!file) {
      problems.push(`${where}.value.schema: ${SCHEMAS_DIR}/${topic.value.schema} does not exist`);
    } else {
      if (file.fullName !== topic.value.record) {
        problems.push(`${where}.value.record: ${topic.value.record} but ${SCHEMAS_DIR}/${topic.value.schema} defines ${file.fullName}`);
      }
      checkKeyFormat(topic, file, where, problems);
    }
    const name = TOPIC_NAME.exec(topic.name);
    if (!name) {
      problems.push(`${where}.name: '${topic.name}' does not follow crossdock.<domain>.<event>.v<major> (kebab-case)`);
    } else if (name[1] === DEAD_LETTER_DOMAIN) {
      if (name[2] !== topic.owner) problems.push(`${where}: dead-letter topic ${topic.name} must be owned by '${name[2] ?? ''}', the service it names`);
      if (!topic.value.record.endsWith('.DeadLetter')) problems.push(`${where}.value.record: dead-letter topics carry DeadLetter records`);
      deadLetterOwners.set(topic.owner, [...(deadLetterOwners.get(topic.owner) ?? []), topic.key]);
    } else if (topic.value.record.split('.').slice(-2, -1)[0] !== name[1]) {
      problems.push(`${where}.name: domain '${name[1] ?? ''}' must match the value record's namespace (${topic.value.record})`);
    }
  }
  for (const consumer of new Set(catalog.topics.flatMap((topic) => topic.consumers))) {
    const owned = deadLetterOwners.get(consumer) ?? [];
    if (owned.length !== 1) {
      problems.push(`${CATALOG_PATH}: consumer '${consumer}' needs exactly one dead-letter topic crossdock.dlq.${consumer}.v<major>, found ${owned.length}`);
    }
  }
  const used = new Set(catalog.topics.map((topic) => topic.value.schema));
  for (const file of files) {
    if (!used.has(file.path)) problems.push(`${SCHEMAS_DIR}/${file.path}: not used by any topic in ${CATALOG_PATH}`);
  }
}

/** Placeholders must be required top-level scalar fields, or messageKey() could not build the key. */
function checkKeyFormat(topic: CatalogTopic, file: SchemaFileModel, where: string, problems: string[]): void {
  const record = file.namedTypes[0];
  if (record?.kind !== 'record') return;
  const placeholders = [...topic.messageKey.format.matchAll(/\{([^}]*)\}/g)].map((match) => match[1] ?? '');
  if (placeholders.length === 0) problems.push(`${where}.key.format: needs at least one {field} placeholder`);
  if (/\}\{/.test(topic.messageKey.format)) problems.push(`${where}.key.format: placeholders need a separator between them`);
  for (const placeholder of placeholders) {
    const field = record.fields.find((candidate) => candidate.name === placeholder);
    if (!field) {
      problems.push(`${where}.key.format: {${placeholder}} is not a field of ${record.fullName}`);
    } else if (!isKeyScalar(field.type, file)) {
      problems.push(`${where}.key.format: {${placeholder}} must be a required string, int, long or enum field`);
    }
  }
}

function isKeyScalar(type: TypeRef, file: SchemaFileModel): boolean {
  if (type.kind === 'primitive') return ['string', 'int', 'long'].includes(type.name);
  if (type.kind === 'named') return file.namedTypes.some((named) => named.fullName === type.fullName && named.kind === 'enum');
  return false;
}
