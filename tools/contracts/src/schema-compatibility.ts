import * as avro from 'avsc';

/**
 * BACKWARD compatibility as the schema registry defines it: a consumer using the new (reader)
 * schema can decode everything written with the old (writer) schema. avsc's resolver applies the
 * Avro resolution rules: fields added without default, enum symbols removed without an enum
 * default, non-promotable type changes (int → string) and renames without aliases all fail.
 * Returns undefined when compatible, else why not.
 */
export function backwardIncompatibility(readerSchema: unknown, writerSchema: unknown): string | undefined {
  let reader: avro.Type;
  let writer: avro.Type;
  try {
    reader = avro.Type.forSchema(readerSchema as avro.Schema);
  } catch (error) {
    return `new schema is invalid: ${messageOf(error)}`;
  }
  try {
    writer = avro.Type.forSchema(writerSchema as avro.Schema);
  } catch (error) {
    return `old schema is invalid: ${messageOf(error)}`;
  }
  try {
    reader.createResolver(writer);
    return undefined;
  } catch (error) {
    return messageOf(error);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
