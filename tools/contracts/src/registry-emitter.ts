import type { CatalogTopic } from './catalog.loader';
import type { ContractSet } from './contract-set';
import { GENERATED_HEADER, SCHEMAS_DIR } from './contract-paths';
import { jsdoc, typesModuleOf } from './ts-emitter';
import type { SchemaFileModel } from './avro-model';

/** `<domain>.schemas.ts` per schema folder, `topics.ts` and the `index.ts` that re-exports everything. */
export function emitRegistryModules(set: ContractSet, typeModules: readonly string[]): Map<string, string> {
  const modules = new Map<string, string>();
  const byDomain = new Map<string, SchemaFileModel[]>();
  for (const file of set.files) {
    const domain = domainOf(file);
    byDomain.set(domain, [...(byDomain.get(domain) ?? []), file]);
  }
  for (const [domain, files] of [...byDomain].sort(([a], [b]) => a.localeCompare(b))) {
    modules.set(`${domain}.schemas.ts`, emitSchemasModule(files));
  }
  modules.set('topics.ts', emitTopicsModule(set));
  const exported = [...typeModules, ...modules.keys()].map((module) => module.replace(/\.ts$/, '')).sort();
  modules.set('index.ts', [GENERATED_HEADER, '', ...exported.map((module) => `export * from './${module}';`), ''].join('\n'));
  return modules;
}

export function schemaConstOf(file: SchemaFileModel): string {
  const name = file.fullName.split('.').pop() ?? file.fullName;
  return `${name.charAt(0).toLowerCase()}${name.slice(1)}Schema`;
}

function emitSchemasModule(files: readonly SchemaFileModel[]): string {
  const consts = files.map((file) => {
    const name = file.fullName.split('.').pop() ?? '';
    const json = JSON.stringify(file.schema, null, 2);
    return `/** Value schema of \`${name}\`, verbatim from ${SCHEMAS_DIR}/${file.path}. */\nexport const ${schemaConstOf(file)}: AvroRecordSchema = ${json};`;
  });
  return [GENERATED_HEADER, '', "import type { AvroRecordSchema } from '../avro-schema.types';", '', consts.join('\n\n'), ''].join('\n');
}

function emitTopicsModule(set: ContractSet): string {
  const files = new Map(set.files.map((file) => [file.path, file]));
  const typeImports = new Map<string, Set<string>>();
  const schemaImports = new Map<string, Set<string>>();
  const entries = set.catalog.topics.map((topic) => {
    const file = files.get(topic.value.schema);
    if (!file) throw new Error(`topic ${topic.key}: schema ${topic.value.schema} not loaded`);
    const typeName = file.fullName.split('.').pop() ?? '';
    add(typeImports, typesModuleOf(namespaceOf(file)), typeName);
    add(schemaImports, `${domainOf(file)}.schemas`, schemaConstOf(file));
    return emitTopic(topic, file, typeName);
  });
  const services = [...new Set(set.catalog.topics.flatMap((topic) => [topic.owner, ...topic.consumers]))].sort();
  const deadLetters = set.catalog.topics.filter((topic) => topic.name.startsWith('crossdock.dlq.'));
  return [
    GENERATED_HEADER,
    '',
    "import { defineTopic, type TopicDefinition } from '../topic-definition';",
    ...importLines(typeImports, true),
    ...importLines(schemaImports, false),
    '',
    '/**',
    ' * Every Kafka topic of the hub, from schemas/catalog.yaml. The only place topic names appear in',
    ' * code: services resolve them with `topicName(Topics.x, namespace)` and `subjectName(...)`.',
    ' */',
    'export const Topics = {',
    entries.join('\n'),
    '} as const;',
    '',
    '/** Stable catalog key of a topic, e.g. `channelOrders`. */',
    'export type TopicKey = keyof typeof Topics;',
    '',
    '/** Every topic, in catalog order (what `contracts:apply` creates). */',
    'export const AllTopics: readonly TopicDefinition[] = Object.values(Topics);',
    '',
    '/** Services that own or consume a topic. */',
    `export type ServiceName = ${services.map(quote).join(' | ')};`,
    '',
    '/** The dead-letter topic of each consuming service; only that service writes to it. */',
    'export const DeadLetterTopics = {',
    ...deadLetters.map((topic) => `  ${propertyName(topic.owner)}: Topics.${topic.key},`),
    '} as const satisfies Partial<Record<ServiceName, TopicDefinition>>;',
    '',
  ].join('\n');
}

function emitTopic(topic: CatalogTopic, file: SchemaFileModel, typeName: string): string {
  const configs = Object.entries(topic.configs).map(([name, value]) => `${quote(name)}: ${quote(value)}`);
  return [
    jsdoc([topic.description], '  '),
    `  ${topic.key}: defineTopic<${typeName}, ${quote(topic.messageKey.format)}>({`,
    `    key: ${quote(topic.key)},`,
    `    name: ${quote(topic.name)},`,
    `    description: ${quote(topic.description)},`,
    `    messageKey: { format: ${quote(topic.messageKey.format)}, description: ${quote(topic.messageKey.description)} },`,
    `    valueRecord: ${quote(topic.value.record)},`,
    `    valueSchemaPath: ${quote(`${SCHEMAS_DIR}/${file.path}`)},`,
    `    valueSchema: ${schemaConstOf(file)},`,
    `    partitions: ${topic.partitions},`,
    `    cleanupPolicy: ${quote(topic.cleanupPolicy)},`,
    `    retentionMs: ${topic.retentionMs},`,
    `    configs: { ${configs.join(', ')} },`,
    `    owner: ${quote(topic.owner)},`,
    `    consumers: [${topic.consumers.map(quote).join(', ')}],`,
    '  }),',
  ].join('\n');
}

function importLines(imports: Map<string, Set<string>>, typeOnly: boolean): string[] {
  return [...imports]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([module, names]) => `import ${typeOnly ? 'type ' : ''}{ ${[...names].sort().join(', ')} } from './${module}';`);
}

function add(map: Map<string, Set<string>>, key: string, value: string): void {
  map.set(key, (map.get(key) ?? new Set()).add(value));
}

function domainOf(file: SchemaFileModel): string {
  return file.path.split('/')[0] ?? '';
}

function namespaceOf(file: SchemaFileModel): string {
  return file.fullName.split('.').slice(0, -1).join('.');
}

function propertyName(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : quote(name);
}

/** A single-quoted TypeScript string literal. */
export function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}
