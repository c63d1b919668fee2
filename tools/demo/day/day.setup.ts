import type { Kafka } from 'kafkajs';
import { AvroSerde, createKafka, createSchemaRegistry } from '@crossdock/messaging';
import { skuCatalog } from '@crossdock/connectors/simulators';
import { stackEnv } from '@crossdock/testing';
import type { Hub } from '../hub/hub.launcher';
import type { DemoConfig } from './demo-config';
import type { DayScript } from './day-script';
import { FactsRecorder } from './facts.recorder';
import { OrderDocuments } from './order-documents';
import { TrafficDriver } from './traffic.driver';

/** What a day needs around the running hub: who records the facts, who sends the traffic. */
export interface DaySetup {
  readonly kafka: Kafka;
  readonly namespace: string;
  readonly recorder: FactsRecorder;
  readonly driver: TrafficDriver;
  readonly skus: readonly string[];
  readonly jaegerUrl: string;
}

/** The recorder (from the start of the run) and the traffic driver for the day's script against `hub`. */
export function setUpDay(config: DemoConfig, script: DayScript, hub: Hub, clientId: string): DaySetup {
  const { erpOrders, erpFeed, wmsFeed, spApi } = hub.simulators;
  if (!erpOrders || !erpFeed || !wmsFeed || !spApi) throw new Error('the day needs every simulator');
  const env = stackEnv();
  const namespace = process.env['TOPIC_NAMESPACE'] ?? '';
  const kafka = createKafka(clientId, env.kafkaBrokers);
  const serde = new AvroSerde(createSchemaRegistry(env.schemaRegistryUrl), namespace);
  const since = Date.now();
  const recorder = new FactsRecorder(kafka, serde, namespace, since);
  const skus = skuCatalog(config.seed, config.itemCount).map((i) => i.sku);
  const documents = new OrderDocuments(skus, Math.floor(since / 1000));
  const driver = new TrafficDriver(script, documents, {
    gatewayUrl: hub.baseUrl('channel-gateway'),
    shopifySecret: hub.endpoints.shopifySecret,
    seller: spApi.seller,
    ediInboxDir: hub.endpoints.ediInboxDir,
    erpOrders: erpOrders.erp,
    erpStock: erpFeed.erp,
    wmsStock: wmsFeed.wms,
  });
  return { kafka, namespace, recorder, driver, skus, jaegerUrl: env.jaegerQueryUrl };
}
