import * as avro from 'avsc';
import type { AvroEnumSchema, AvroField, AvroFixedSchema, AvroJsonValue, AvroPrimitiveName, AvroRecordSchema, AvroTypeSchema } from '@crossdock/contracts';

/** A type as used in a field, with named types reduced to their full name. */
export type TypeRef =
  | { readonly kind: 'primitive'; readonly name: AvroPrimitiveName; readonly logicalType: string | undefined }
  | { readonly kind: 'named'; readonly fullName: string }
  | { readonly kind: 'array'; readonly items: TypeRef }
  | { readonly kind: 'map'; readonly values: TypeRef }
  | { readonly kind: 'union'; readonly branches: readonly TypeRef[] };

export interface FieldModel {
  readonly name: string;
  readonly doc: string | undefined;
  readonly type: TypeRef;
  readonly default: { readonly value: AvroJsonValue } | undefined;
}

interface NamedTypeBase {
  readonly fullName: string;
  readonly name: string;
  readonly namespace: string;
  readonly doc: string | undefined;
  /** File that defines it (relative to schemas/avro) and the verbatim definition, to detect drift between copies. */
  readonly source: string;
  readonly definition: string;
}

export type NamedTypeModel =
  | (NamedTypeBase & { readonly kind: 'record'; readonly fields: readonly FieldModel[] })
  | (NamedTypeBase & { readonly kind: 'enum'; readonly symbols: readonly string[]; readonly defaultSymbol: string | undefined })
  | (NamedTypeBase & { readonly kind: 'fixed'; readonly size: number });

export interface SchemaFileModel {
  /** Relative to schemas/avro, e.g. `orders/channel-order.avsc`. */
  readonly path: string;
  readonly schema: AvroRecordSchema;
  readonly fullName: string;
  /** Named types defined in the file, in order of definition (top-level record first). */
  readonly namedTypes: readonly NamedTypeModel[];
}

const PRIMITIVES: ReadonlySet<string> = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);
const NAMESPACE_ROOT = 'com.crossdock.';

/**
 * Reads one .avsc file into a model for code generation and checks the house rules avsc does not
 * (docs everywhere, explicit namespaces, nullable = ["null", T] with default null, enum defaults,
 * *At timestamps, *Minor money). Problems are appended to `problems`; the model is returned only
 * when avsc itself accepts the schema.
 */
export function modelSchemaFile(path: string, json: unknown, problems: string[]): SchemaFileModel | undefined {
  try {
    avro.Type.forSchema(json as avro.Schema);
  } catch (error) {
    problems.push(`${path}: avsc rejects the schema: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  if (!isObject(json) || json['type'] !== 'record') {
    problems.push(`${path}: the top-level type must be a record`);
    return undefined;
  }
  const schema = json as unknown as AvroRecordSchema;
  const domain = path.split('/')[0] ?? '';
  if (schema.namespace !== `${NAMESPACE_ROOT}${domain}`) {
    problems.push(`${path}: namespace must be '${NAMESPACE_ROOT}${domain}' (the folder), found '${schema.namespace ?? ''}'`);
  }
  const walker = new SchemaWalker(path, problems);
  walker.type(schema, '', schema.name);
  return { path, schema, fullName: fullNameOf(schema.name, schema.namespace, ''), namedTypes: walker.defined };
}

class SchemaWalker {
  readonly defined: NamedTypeModel[] = [];

  constructor(
    private readonly path: string,
    private readonly problems: string[],
  ) {}

  type(schema: AvroTypeSchema, enclosing: string, where: string): TypeRef {
    if (typeof schema === 'string') {
      return PRIMITIVES.has(schema)
        ? { kind: 'primitive', name: schema as AvroPrimitiveName, logicalType: undefined }
        : { kind: 'named', fullName: fullNameOf(schema, undefined, enclosing) };
    }
    if (isUnion(schema)) {
      return { kind: 'union', branches: schema.map((branch) => this.type(branch, enclosing, where)) };
    }
    switch (schema.type) {
      case 'record':
        return this.record(schema, enclosing);
      case 'enum':
        return this.enumType(schema, enclosing);
      case 'fixed':
        return this.fixed(schema, enclosing);
      case 'array':
        return { kind: 'array', items: this.type(schema.items, enclosing, `${where}[]`) };
      case 'map':
        return { kind: 'map', values: this.type(schema.values, enclosing, `${where}{}`) };
      default:
        return { kind: 'primitive', name: schema.type, logicalType: schema.logicalType };
    }
  }

  private record(schema: AvroRecordSchema, enclosing: string): TypeRef {
    const base = this.named(schema, enclosing);
    // Listed before the types nested in it, the order a reader meets them in the file.
    const slot = this.defined.length;
    const fields = schema.fields.map((field) => this.field(field, base.namespace, `${base.name}.${field.name}`));
    this.defined.splice(slot, 0, { ...base, kind: 'record', fields });
    return { kind: 'named', fullName: base.fullName };
  }

  private enumType(schema: AvroEnumSchema, enclosing: string): TypeRef {
    const base = this.named(schema, enclosing);
    if (schema.default === undefined) {
      this.problem(base.name, 'enums need a default symbol, so readers survive symbols added later');
    }
    this.defined.push({ ...base, kind: 'enum', symbols: schema.symbols, defaultSymbol: schema.default });
    return { kind: 'named', fullName: base.fullName };
  }

  private fixed(schema: AvroFixedSchema, enclosing: string): TypeRef {
    const base = this.named(schema, enclosing);
    this.defined.push({ ...base, kind: 'fixed', size: schema.size });
    return { kind: 'named', fullName: base.fullName };
  }

  private named(schema: AvroRecordSchema | AvroEnumSchema | AvroFixedSchema, enclosing: string): NamedTypeBase {
    if (schema.namespace === undefined) this.problem(schema.name, "needs an explicit namespace ('com.crossdock.<domain>')");
    else if (!schema.namespace.startsWith(NAMESPACE_ROOT)) this.problem(schema.name, `namespace must start with '${NAMESPACE_ROOT}'`);
    if (!schema.doc?.trim()) this.problem(schema.name, 'needs a doc');
    const fullName = fullNameOf(schema.name, schema.namespace, enclosing);
    const dot = fullName.lastIndexOf('.');
    return {
      fullName,
      name: fullName.slice(dot + 1),
      namespace: fullName.slice(0, Math.max(dot, 0)),
      doc: schema.doc,
      source: this.path,
      definition: stableStringify(schema),
    };
  }

  private field(field: AvroField, enclosing: string, where: string): FieldModel {
    if (!field.doc?.trim()) this.problem(where, 'needs a doc');
    const type = this.type(field.type, enclosing, where);
    if (type.kind === 'union') {
      const [first, ...rest] = type.branches;
      const nullable = first?.kind === 'primitive' && first.name === 'null' && rest.length === 1;
      if (!nullable || field.default !== null) {
        this.problem(where, 'optional fields are ["null", T] with "default": null');
      }
    }
    if (/At$/.test(field.name) && !isTimestamp(type)) {
      this.problem(where, '*At fields are {"type": "long", "logicalType": "timestamp-millis"} (optionally nullable)');
    }
    if (/Minor$/.test(field.name) && !isLong(type)) {
      this.problem(where, '*Minor money fields are long minor units');
    }
    return { name: field.name, doc: field.doc, type, default: 'default' in field ? { value: field.default ?? null } : undefined };
  }

  private problem(where: string, message: string): void {
    this.problems.push(`${this.path}: ${where}: ${message}`);
  }
}

export function fullNameOf(name: string, namespace: string | undefined, enclosing: string): string {
  if (name.includes('.')) return name;
  const space = namespace ?? enclosing;
  return space ? `${space}.${name}` : name;
}

/** Key-order independent JSON, so two verbatim copies of a shared type compare equal. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${stableStringify(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function isTimestamp(type: TypeRef): boolean {
  if (type.kind === 'union') return type.branches.some(isTimestamp);
  return type.kind === 'primitive' && type.name === 'long' && type.logicalType === 'timestamp-millis';
}

function isLong(type: TypeRef): boolean {
  return type.kind === 'primitive' && type.name === 'long';
}

function isUnion(schema: AvroTypeSchema): schema is readonly AvroTypeSchema[] {
  return Array.isArray(schema);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
