import type { ServiceCode } from './service-code.collector';
import type { CatalogTopic } from './workspace.loader';

// schemas/catalog.yaml names each topic's one owner (writer) and its consumers; these rules hold
// it against the code of the services in infra/services.json (see topic-references.scanner.ts
// for what counts as subscribing and publishing):
// - a service subscribes only to topics that list it as a consumer;
// - only the owner publishes a topic, and any other reference comes from the owner or from a
//   service that subscribes to the topic (anything else would be writing a topic it does not own,
//   or reading one it does not consume);
// - every consumer the catalog lists is a service that subscribes to the topic;
// - every topic's owner is a service whose code uses the topic outside a subscription, except
//   dead-letter topics: the service kit writes `crossdock.dlq.<service>` by its name.

const DEAD_LETTER_PREFIX = 'crossdock.dlq.';

export function catalogUsageProblems(catalog: readonly CatalogTopic[], serviceNames: readonly string[], code: readonly ServiceCode[]): string[] {
  const problems: string[] = [];
  const topics = new Map(catalog.map((topic) => [topic.key, topic]));
  const services = new Set(serviceNames);
  /** `${service} ${topic}` for every subscription, so a lib of several services counts for each. */
  const subscribed = new Set<string>();
  const usedByOwner = new Set<string>();
  for (const unit of code) {
    for (const reference of unit.references) {
      if (reference.use === 'subscribes') for (const service of unit.services) subscribed.add(`${service} ${reference.topic}`);
    }
  }

  for (const unit of code) {
    const who = unit.services.join(' or ');
    for (const reference of unit.references) {
      const topic = topics.get(reference.topic);
      if (!topic) {
        problems.push(`${reference.at}: Topics.${reference.topic} is not in schemas/catalog.yaml`);
        continue;
      }
      const owns = unit.services.includes(topic.owner);
      if (reference.use === 'subscribes') {
        if (!unit.services.some((service) => topic.consumers.includes(service))) {
          problems.push(`${reference.at}: ${who} subscribes to ${topic.key}, whose consumers are [${topic.consumers.join(', ')}]`);
        }
      } else if (reference.use === 'publishes' && !owns) {
        problems.push(`${reference.at}: ${who} publishes ${topic.key}, which only its owner ${topic.owner} may`);
      } else if (reference.use === 'other' && !owns && !unit.services.some((service) => subscribed.has(`${service} ${topic.key}`))) {
        problems.push(`${reference.at}: ${who} uses ${topic.key} but neither owns it (${topic.owner}) nor subscribes to it with @OnEvent/@OnEventBatch`);
      }
      if (owns && reference.use !== 'subscribes') usedByOwner.add(topic.key);
    }
  }

  for (const topic of catalog) {
    for (const consumer of topic.consumers) {
      if (!services.has(consumer)) {
        problems.push(`schemas/catalog.yaml ${topic.key}: consumer ${consumer} is no service of infra/services.json`);
      } else if (!subscribed.has(`${consumer} ${topic.key}`)) {
        problems.push(`schemas/catalog.yaml ${topic.key}: consumer ${consumer} does not subscribe to it`);
      }
    }
    if (topic.name.startsWith(DEAD_LETTER_PREFIX)) continue;
    if (!services.has(topic.owner)) {
      problems.push(`schemas/catalog.yaml ${topic.key}: owner ${topic.owner} is no service of infra/services.json`);
    } else if (!usedByOwner.has(topic.key)) {
      problems.push(`schemas/catalog.yaml ${topic.key}: owner ${topic.owner} never uses it outside a subscription, so it publishes nothing there`);
    }
  }
  return problems;
}
