import type { AvroPrimitiveName } from '@crossdock/contracts';
import type { FieldModel, NamedTypeModel, TypeRef } from './avro-model';
import { GENERATED_HEADER } from './contract-paths';

const MAX_WIDTH = 100;

/** What each logical type looks like in JavaScript when avsc decodes it without custom logical types. */
const LOGICAL_TYPE_NOTES: Record<string, string> = {
  'timestamp-millis': 'Milliseconds since the Unix epoch, UTC (Avro long timestamp-millis).',
  'timestamp-micros': 'Microseconds since the Unix epoch, UTC (Avro long timestamp-micros).',
  'local-timestamp-millis': 'Milliseconds since the Unix epoch in local time (Avro local-timestamp-millis).',
  date: 'Days since the Unix epoch (Avro int date).',
  'time-millis': 'Milliseconds after midnight (Avro int time-millis).',
  uuid: 'UUID string (Avro string uuid).',
  decimal: "Two's-complement big-endian unscaled value (Avro decimal); see the schema for scale.",
};

/** `com.crossdock.orders` → `orders.types` (the module name without extension). */
export function typesModuleOf(namespace: string): string {
  return `${namespace.split('.').pop() ?? namespace}.types`;
}

/** One module per Avro namespace: `{ 'orders.types.ts': source, ... }`. */
export function emitTypeModules(namedTypes: ReadonlyMap<string, NamedTypeModel>): Map<string, string> {
  const byNamespace = new Map<string, NamedTypeModel[]>();
  for (const type of namedTypes.values()) {
    byNamespace.set(type.namespace, [...(byNamespace.get(type.namespace) ?? []), type]);
  }
  const modules = new Map<string, string>();
  for (const [namespace, types] of [...byNamespace].sort(([a], [b]) => a.localeCompare(b))) {
    modules.set(`${typesModuleOf(namespace)}.ts`, emitTypesModule(namespace, types, namedTypes));
  }
  return modules;
}

function emitTypesModule(namespace: string, types: readonly NamedTypeModel[], all: ReadonlyMap<string, NamedTypeModel>): string {
  const imports = new Map<string, Set<string>>();
  for (const type of types) {
    if (type.kind !== 'record') continue;
    for (const field of type.fields) {
      for (const fullName of namedRefs(field.type)) {
        const target = resolve(fullName, all);
        if (target.namespace === namespace) continue;
        const module = typesModuleOf(target.namespace);
        imports.set(module, (imports.get(module) ?? new Set()).add(target.name));
      }
    }
  }
  const importLines = [...imports]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([module, names]) => `import type { ${[...names].sort().join(', ')} } from './${module}';`);
  const body = types.map((type) => emitNamedType(type, all));
  return [GENERATED_HEADER, '', ...(importLines.length ? [...importLines, ''] : []), body.join('\n\n'), ''].join('\n');
}

export function emitNamedType(type: NamedTypeModel, all: ReadonlyMap<string, NamedTypeModel>): string {
  switch (type.kind) {
    case 'record': {
      const doc = jsdoc([type.doc ?? '', `Avro record \`${type.fullName}\`.`], '');
      const fields = type.fields.map((field) => emitField(field, all));
      return `${doc}\nexport interface ${type.name} {\n${fields.join('\n')}\n}`;
    }
    case 'enum': {
      const fallback = type.defaultSymbol ? ` Readers map unknown symbols to \`${type.defaultSymbol}\`.` : '';
      const doc = jsdoc([type.doc ?? '', `Avro enum \`${type.fullName}\`.${fallback}`], '');
      const quoted = type.symbols.map((symbol) => `'${symbol}'`);
      const typeLine = `export type ${type.name} = ${quoted.join(' | ')};`;
      const typeDecl = typeLine.length <= MAX_WIDTH ? typeLine : `export type ${type.name} =\n${quoted.map((s) => `  | ${s}`).join('\n')};`;
      const tail = `] as const satisfies readonly ${type.name}[];`;
      const constLine = `export const ${type.name}Symbols = [${quoted.join(', ')}${tail}`;
      const constDecl = constLine.length <= MAX_WIDTH ? constLine : `export const ${type.name}Symbols = [\n${quoted.map((s) => `  ${s},`).join('\n')}\n${tail}`;
      return `${doc}\n${typeDecl}\n\n/** Symbols of {@link ${type.name}}, in schema order. */\n${constDecl}`;
    }
    case 'fixed':
      return `${jsdoc([type.doc ?? '', `Avro fixed \`${type.fullName}\` (${type.size} bytes).`], '')}\nexport type ${type.name} = Buffer;`;
  }
}

function emitField(field: FieldModel, all: ReadonlyMap<string, NamedTypeModel>): string {
  const notes = [field.doc ?? ''];
  const logical = logicalTypeOf(field.type);
  if (logical) notes.push(LOGICAL_TYPE_NOTES[logical] ?? `Avro logical type ${logical}.`);
  if (field.default) notes.push(`Default: \`${JSON.stringify(field.default.value)}\`.`);
  return `${jsdoc([notes.join(' ')], '  ')}\n  readonly ${field.name}: ${tsType(field.type, all)};`;
}

/** The TypeScript type of a value as avsc decodes it (no custom logical types, unions unwrapped). */
export function tsType(type: TypeRef, all: ReadonlyMap<string, NamedTypeModel>): string {
  switch (type.kind) {
    case 'primitive':
      return PRIMITIVE_TS[type.name];
    case 'named':
      return resolve(type.fullName, all).name;
    case 'array': {
      const items = tsType(type.items, all);
      return /^[\w.]+$/.test(items) ? `readonly ${items}[]` : `ReadonlyArray<${items}>`;
    }
    case 'map':
      return `Readonly<Record<string, ${tsType(type.values, all)}>>`;
    case 'union': {
      const isNull = (branch: TypeRef) => branch.kind === 'primitive' && branch.name === 'null';
      const others = type.branches.filter((branch) => !isNull(branch));
      if (others.length !== 1) {
        // avsc wraps ambiguous unions ({ 'com.x.A': ... }); contracts stay with nullable unions.
        throw new Error(`unsupported union [${type.branches.map((branch) => describe(branch)).join(', ')}]: only ["null", T] is allowed`);
      }
      const [only] = others;
      const inner = only ? tsType(only, all) : 'never';
      return others.length === type.branches.length ? inner : `${inner} | null`;
    }
  }
}

const PRIMITIVE_TS: Record<AvroPrimitiveName, string> = {
  null: 'null',
  boolean: 'boolean',
  int: 'number',
  long: 'number',
  float: 'number',
  double: 'number',
  bytes: 'Buffer',
  string: 'string',
};

function logicalTypeOf(type: TypeRef): string | undefined {
  if (type.kind === 'primitive') return type.logicalType;
  if (type.kind === 'union') return type.branches.map(logicalTypeOf).find((logical) => logical !== undefined);
  return undefined;
}

function namedRefs(type: TypeRef): string[] {
  switch (type.kind) {
    case 'named':
      return [type.fullName];
    case 'array':
      return namedRefs(type.items);
    case 'map':
      return namedRefs(type.values);
    case 'union':
      return type.branches.flatMap(namedRefs);
    default:
      return [];
  }
}

function resolve(fullName: string, all: ReadonlyMap<string, NamedTypeModel>): NamedTypeModel {
  const type = all.get(fullName);
  if (!type) throw new Error(`type ${fullName} is referenced but never defined`);
  return type;
}

function describe(type: TypeRef): string {
  return type.kind === 'primitive' ? type.name : type.kind === 'named' ? type.fullName : type.kind;
}

/** A JSDoc block: paragraphs separated by blank lines, words wrapped to the line width. */
export function jsdoc(paragraphs: readonly string[], indent: string): string {
  const width = MAX_WIDTH - indent.length - 3;
  const blocks = paragraphs
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim().replace(/\*\//g, '*\\/'))
    .filter((paragraph) => paragraph.length > 0)
    .map((paragraph) => wrap(paragraph, width));
  const lines = blocks.flatMap((block, index) => (index === 0 ? block : ['', ...block]));
  if (lines.length === 1 && (lines[0] ?? '').length <= width - 4) return `${indent}/** ${lines[0] ?? ''} */`;
  return [`${indent}/**`, ...lines.map((line) => (line ? `${indent} * ${line}` : `${indent} *`)), `${indent} */`].join('\n');
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    if (current && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else {
      current = current ? `${current} ${word}` : word;
    }
  }
  if (current) lines.push(current);
  return lines;
}
