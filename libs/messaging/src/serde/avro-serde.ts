import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import * as avro from 'avsc';
import { DeadLetterCode, PoisonMessageError, TransientDependencyError, errorMessage } from '../errors/message-errors';
import type { TopicDefinition } from '@crossdock/contracts';
import { framer, unframe } from './wire-format';

/**
 * Avro serialisation against the schema registry. The registry is asked once per schema id and
 * per contract; after that encoding and decoding are local, so the hot path never leaves the process.
 */
export class AvroSerde {
  private readonly readerTypes = new Map<TopicDefinition, avro.Type>();
  private readonly encoders = new Map<TopicDefinition, Promise<(value: never) => Buffer>>();
  private readonly writerIds = new Map<string, Promise<number>>();
  private readonly writerTypes = new Map<number, Promise<avro.Type>>();
  private readonly resolvers = new Map<string, avro.Resolver | null>();

  constructor(
    private readonly registry: SchemaRegistry,
    private readonly namespace: string,
  ) {}

  async encode<T>(contract: TopicDefinition<T>, value: T): Promise<Buffer> {
    return (await this.encoder(contract))(value);
  }

  /** Like encode but for the hot path of a batch: built once per contract, then pure CPU. */
  encoder<T>(contract: TopicDefinition<T>): Promise<(value: T) => Buffer> {
    let encoder = this.encoders.get(contract) as Promise<(value: T) => Buffer> | undefined;
    if (!encoder) {
      encoder = this.buildEncoder(contract);
      this.encoders.set(contract, encoder);
      // A registry outage must not be remembered: the next publish asks again.
      encoder.catch(() => this.encoders.delete(contract));
    }
    return encoder;
  }

  /**
   * Decodes with the writer's schema and resolves into the contract's (reader) schema, so a
   * consumer built against an older contract keeps working when producers add fields.
   */
  async decode<T>(contract: TopicDefinition<T>, message: Buffer | null): Promise<{ value: T; schemaId: number }> {
    const { schemaId, body } = unframe(message);
    const reader = this.readerType(contract);
    const resolver = await this.resolverFor(contract, reader, schemaId);
    try {
      const value = resolver ? reader.fromBuffer(body, resolver) : reader.fromBuffer(body);
      return { value: value as T, schemaId };
    } catch (error) {
      throw new PoisonMessageError(DeadLetterCode.MalformedPayload, `Avro body does not decode with schema ${schemaId}: ${errorMessage(error)}`);
    }
  }

  private async buildEncoder<T>(contract: TopicDefinition<T>): Promise<(value: T) => Buffer> {
    const type = this.readerType(contract);
    const framed = framer(await this.schemaIdFor(contract));
    return (value) => framed((target, offset) => type.encode(value, target, offset));
  }

  private readerType(contract: TopicDefinition): avro.Type {
    let type = this.readerTypes.get(contract);
    if (!type) {
      type = avro.Type.forSchema(contract.valueSchema as avro.Schema, { omitRecordMethods: true });
      this.readerTypes.set(contract, type);
    }
    return type;
  }

  private schemaIdFor(contract: TopicDefinition): Promise<number> {
    const subject = `${this.namespace}${contract.name}-value`;
    let id = this.writerIds.get(subject);
    if (!id) {
      // Producers look their schema up rather than registering it: registration is a deliberate
      // step (`contracts:apply`) where compatibility is checked, not a side effect of start-up.
      id = this.registry.getRegistryIdBySchema(subject, { type: SchemaType.AVRO, schema: JSON.stringify(contract.valueSchema) }).catch((error: unknown) => {
        this.writerIds.delete(subject);
        throw new Error(`schema for ${subject} is not registered (run contracts:apply): ${errorMessage(error)}`);
      });
      this.writerIds.set(subject, id);
    }
    return id;
  }

  private async resolverFor(contract: TopicDefinition, reader: avro.Type, schemaId: number): Promise<avro.Resolver | null> {
    const cacheKey = `${contract.name}#${schemaId}`;
    const cached = this.resolvers.get(cacheKey);
    if (cached !== undefined) return cached;
    const writer = await this.writerType(schemaId);
    if (writer.name !== reader.name) {
      throw new PoisonMessageError(
        DeadLetterCode.SchemaMismatch,
        `schema ${schemaId} is ${writer.name ?? 'an unnamed type'}, topic ${contract.name} carries ${reader.name ?? 'an unnamed type'}`,
      );
    }
    let resolver: avro.Resolver | null;
    try {
      // Identical schemas need no resolver; skipping it keeps decoding at full speed.
      resolver = writer.equals(reader) ? null : reader.createResolver(writer);
    } catch (error) {
      throw new PoisonMessageError(DeadLetterCode.SchemaMismatch, `schema ${schemaId} cannot be read as ${contract.name}'s contract: ${errorMessage(error)}`);
    }
    this.resolvers.set(cacheKey, resolver);
    return resolver;
  }

  private writerType(schemaId: number): Promise<avro.Type> {
    let type = this.writerTypes.get(schemaId);
    if (!type) {
      type = this.fetchWriterType(schemaId);
      this.writerTypes.set(schemaId, type);
      type.catch(() => this.writerTypes.delete(schemaId));
    }
    return type;
  }

  private async fetchWriterType(schemaId: number): Promise<avro.Type> {
    let schema: unknown;
    try {
      schema = await this.registry.getSchema(schemaId);
    } catch (error) {
      if (isNotFound(error)) {
        throw new PoisonMessageError(DeadLetterCode.UnknownSchemaId, `schema id ${schemaId} is not in the registry`);
      }
      throw new TransientDependencyError('schema-registry', `cannot fetch schema ${schemaId}: ${errorMessage(error)}`, { cause: error });
    }
    if (!(schema instanceof avro.Type)) {
      throw new PoisonMessageError(DeadLetterCode.SchemaMismatch, `schema id ${schemaId} is not an Avro schema`);
    }
    return schema;
  }
}

function isNotFound(error: unknown): boolean {
  const status = (error as { status?: number } | null)?.status;
  return status === 404 || /not found/i.test(errorMessage(error));
}
