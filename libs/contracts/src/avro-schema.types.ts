/**
 * The JSON form of an Avro schema as written in `schemas/avro/**.avsc` (Avro 1.11 specification).
 * Typed so that a generated schema literal with a misspelt attribute fails to compile, instead of
 * being registered and silently ignored by every reader.
 */
export type AvroPrimitiveName = 'null' | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string';

export type AvroJsonValue = null | boolean | number | string | readonly AvroJsonValue[] | { readonly [key: string]: AvroJsonValue };

/** A primitive name, or the (full or namespace-relative) name of a type defined earlier. */
export type AvroTypeName = string;

export type AvroTypeSchema =
  AvroTypeName | AvroUnionSchema | AvroRecordSchema | AvroEnumSchema | AvroArraySchema | AvroMapSchema | AvroFixedSchema | AvroAnnotatedPrimitiveSchema;

export type AvroUnionSchema = readonly AvroTypeSchema[];

export interface AvroField {
  readonly name: string;
  readonly type: AvroTypeSchema;
  readonly doc?: string;
  readonly default?: AvroJsonValue;
  readonly order?: 'ascending' | 'descending' | 'ignore';
  readonly aliases?: readonly string[];
}

export interface AvroRecordSchema {
  readonly type: 'record';
  readonly name: string;
  readonly namespace?: string;
  readonly doc?: string;
  readonly aliases?: readonly string[];
  readonly fields: readonly AvroField[];
}

export interface AvroEnumSchema {
  readonly type: 'enum';
  readonly name: string;
  readonly namespace?: string;
  readonly doc?: string;
  readonly aliases?: readonly string[];
  readonly symbols: readonly string[];
  /** Symbol a reader uses for a writer symbol it does not know; what makes adding symbols safe. */
  readonly default?: string;
}

export interface AvroArraySchema {
  readonly type: 'array';
  readonly items: AvroTypeSchema;
}

export interface AvroMapSchema {
  readonly type: 'map';
  readonly values: AvroTypeSchema;
}

export interface AvroFixedSchema {
  readonly type: 'fixed';
  readonly name: string;
  readonly namespace?: string;
  readonly doc?: string;
  readonly aliases?: readonly string[];
  readonly size: number;
  readonly logicalType?: string;
  readonly precision?: number;
  readonly scale?: number;
}

/** `{"type": "long", "logicalType": "timestamp-millis"}` and friends. */
export interface AvroAnnotatedPrimitiveSchema {
  readonly type: AvroPrimitiveName;
  readonly logicalType?: string;
  readonly precision?: number;
  readonly scale?: number;
}
