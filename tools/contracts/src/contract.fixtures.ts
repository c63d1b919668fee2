import type { ContractSource } from './contract-set';

/** A small valid contract set for specs: one compacted table, one event topic and a dead-letter topic. */
export function stockSchema(extraFields: readonly object[] = []): Record<string, unknown> {
  return {
    type: 'record',
    name: 'StockLevel',
    namespace: 'com.crossdock.inventory',
    doc: 'Stock of one SKU at one location.',
    fields: [
      { name: 'sku', type: 'string', doc: 'Hub SKU.' },
      { name: 'locationId', type: 'string', doc: 'Location.' },
      {
        name: 'kind',
        type: { type: 'enum', name: 'LocationKind', namespace: 'com.crossdock.common', doc: 'Kind.', symbols: ['UNKNOWN', 'WAREHOUSE'], default: 'UNKNOWN' },
        doc: 'Kind of location.',
      },
      { name: 'onHand', type: 'long', doc: 'On hand.' },
      { name: 'note', type: ['null', 'string'], default: null, doc: 'Note.' },
      { name: 'asOfAt', type: { type: 'long', logicalType: 'timestamp-millis' }, doc: 'As of.' },
      ...extraFields,
    ],
  };
}

export function deadLetterSchema(): Record<string, unknown> {
  return {
    type: 'record',
    name: 'DeadLetter',
    namespace: 'com.crossdock.platform',
    doc: 'Failed record.',
    fields: [
      { name: 'sourceTopic', type: 'string', doc: 'Topic.' },
      { name: 'partition', type: 'int', doc: 'Partition.' },
      { name: 'offset', type: 'long', doc: 'Offset.' },
      { name: 'value', type: ['null', 'bytes'], default: null, doc: 'Bytes.' },
    ],
  };
}

export const FIXTURE_CATALOG = `
compactedTopicConfigs:
  min.cleanable.dirty.ratio: '0.1'
topics:
  stockLevels:
    name: crossdock.inventory.stock-level.v1
    description: Stock per SKU and location.
    key: { format: '{sku}@{locationId}', description: SKU at location. }
    value: { schema: inventory/stock-level.avsc, record: com.crossdock.inventory.StockLevel }
    partitions: 6
    cleanupPolicy: compact
    retention: infinite
    owner: wms-connector
    consumers: [availability]
  availabilityDeadLetters:
    name: crossdock.dlq.availability.v1
    description: Dead letters of availability.
    key: { format: '{sourceTopic}/{partition}/{offset}', description: Coordinates. }
    value: { schema: platform/dead-letter.avsc, record: com.crossdock.platform.DeadLetter }
    partitions: 3
    cleanupPolicy: delete
    retention: 30d
    owner: availability
    consumers: []
`;

export function fixtureSource(overrides: { catalog?: string; schemas?: Record<string, unknown> } = {}): ContractSource {
  const schemas: Record<string, unknown> = overrides.schemas ?? {
    'inventory/stock-level.avsc': stockSchema(),
    'platform/dead-letter.avsc': deadLetterSchema(),
  };
  return {
    readCatalog: () => overrides.catalog ?? FIXTURE_CATALOG,
    listSchemaFiles: () => Object.keys(schemas).sort(),
    readSchemaFile: (file) => {
      const schema = schemas[file];
      return typeof schema === 'string' ? schema : JSON.stringify(schema);
    },
  };
}
