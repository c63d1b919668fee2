import { catalogUsageProblems } from './catalog-usage.rules';
import { collectServiceCode, type ServiceCode } from './service-code.collector';
import type { TopicReference, TopicUse } from './topic-references.scanner';
import { loadServicesManifest, loadTopicCatalog, loadWorkspaceProjects, type CatalogTopic } from './workspace.loader';

const catalog: CatalogTopic[] = [
  { key: 'channelOrders', name: 'crossdock.orders.channel-order.v1', owner: 'channel-gateway', consumers: ['order-ingest'] },
  { key: 'ordersAccepted', name: 'crossdock.orders.order-accepted.v1', owner: 'order-ingest', consumers: [] },
  { key: 'itemMaster', name: 'crossdock.inventory.item-master.v1', owner: 'erp-connector', consumers: ['order-ingest'] },
  { key: 'orderIngestDeadLetters', name: 'crossdock.dlq.order-ingest.v1', owner: 'order-ingest', consumers: [] },
];
const services = ['channel-gateway', 'order-ingest', 'erp-connector', 'wms-connector'];
const ref = (topic: string, use: TopicUse, at = `${topic}.ts:1`): TopicReference => ({ topic, use, at });
const code = (services: string[], ...references: TopicReference[]): ServiceCode => ({ services, origin: services.join('+'), references });
const matching: ServiceCode[] = [
  code(['channel-gateway'], ref('channelOrders', 'publishes')),
  code(['order-ingest'], ref('channelOrders', 'subscribes'), ref('ordersAccepted', 'other'), ref('itemMaster', 'subscribes'), ref('itemMaster', 'other')),
  code(['erp-connector'], ref('itemMaster', 'other')),
  // a lib both connectors share: the key it builds is erp-connector's topic
  code(['erp-connector', 'wms-connector'], ref('itemMaster', 'other')),
];

describe('catalogUsageProblems', () => {
  it('accepts code that matches the catalog', () => {
    expect(catalogUsageProblems(catalog, services, matching)).toEqual([]);
  });

  it('rejects a publication by a service that does not own the topic', () => {
    const code2 = [...matching, code(['order-ingest'], ref('itemMaster', 'publishes', 'apps/order-ingest/src/a.ts:3'))];
    expect(catalogUsageProblems(catalog, services, code2)).toEqual([
      'apps/order-ingest/src/a.ts:3: order-ingest publishes itemMaster, which only its owner erp-connector may',
    ]);
  });

  it('rejects a subscription the catalog does not list', () => {
    const code2 = [...matching, code(['channel-gateway'], ref('ordersAccepted', 'subscribes', 'apps/channel-gateway/src/h.ts:9'))];
    expect(catalogUsageProblems(catalog, services, code2)).toEqual([
      'apps/channel-gateway/src/h.ts:9: channel-gateway subscribes to ordersAccepted, whose consumers are []',
    ]);
  });

  it('rejects any other use by a service that neither owns nor subscribes to the topic', () => {
    const code2 = [...matching, code(['wms-connector'], ref('ordersAccepted', 'other', 'apps/wms-connector/src/f.ts:2'))];
    expect(catalogUsageProblems(catalog, services, code2)).toEqual([
      'apps/wms-connector/src/f.ts:2: wms-connector uses ordersAccepted but neither owns it (order-ingest) nor subscribes to it with @OnEvent/@OnEventBatch',
    ]);
  });

  it('rejects a catalog consumer that does not subscribe, or is no service', () => {
    const withConsumers = catalog.map((topic) => (topic.key === 'ordersAccepted' ? { ...topic, consumers: ['erp-connector', 'finance-recon'] } : topic));
    expect(catalogUsageProblems(withConsumers, services, matching)).toEqual([
      'schemas/catalog.yaml ordersAccepted: consumer erp-connector does not subscribe to it',
      'schemas/catalog.yaml ordersAccepted: consumer finance-recon is no service of infra/services.json',
    ]);
  });

  it('rejects an owner that never publishes the topic, or is no service; dead-letter topics are written by the kit', () => {
    const withoutPublisher = matching.filter((unit) => unit.services[0] !== 'channel-gateway');
    const withStrangeOwner = catalog.map((topic) =>
      topic.key === 'ordersAccepted' || topic.key === 'orderIngestDeadLetters' ? { ...topic, owner: 'returns' } : topic,
    );
    expect(catalogUsageProblems(withStrangeOwner, services, withoutPublisher)).toEqual([
      'ordersAccepted.ts:1: order-ingest uses ordersAccepted but neither owns it (returns) nor subscribes to it with @OnEvent/@OnEventBatch',
      'schemas/catalog.yaml channelOrders: owner channel-gateway never uses it outside a subscription, so it publishes nothing there',
      'schemas/catalog.yaml ordersAccepted: owner returns is no service of infra/services.json',
    ]);
  });

  it('rejects a topic the catalog does not have', () => {
    const code2 = [...matching, code(['order-ingest'], ref('ordersShipped', 'other', 'apps/order-ingest/src/s.ts:4'))];
    expect(catalogUsageProblems(catalog, services, code2)).toEqual(['apps/order-ingest/src/s.ts:4: Topics.ordersShipped is not in schemas/catalog.yaml']);
  });
});

describe('the workspace', () => {
  const manifest = loadServicesManifest();
  const scan = collectServiceCode(loadWorkspaceProjects(), manifest);

  it('scans every service and finds the subscriptions it checks', () => {
    expect(scan.code.map((unit) => unit.origin)).toEqual(expect.arrayContaining(manifest.map((service) => `apps/${service.name}`)));
    const subscriptions = scan.code.flatMap((unit) => unit.references.filter((reference) => reference.use === 'subscribes'));
    expect(subscriptions.length).toBeGreaterThan(0);
  });

  it('names every topic in code so that it can be checked', () => {
    expect(scan.problems).toEqual([]);
  });

  it('matches schemas/catalog.yaml: owners publish, consumers subscribe, nobody else touches a topic', () => {
    const names = manifest.map((service) => service.name);
    expect(catalogUsageProblems(loadTopicCatalog(), names, scan.code)).toEqual([]);
  });
});
