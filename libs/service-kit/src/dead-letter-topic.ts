import { Topics, type DeadLetter, type TopicDefinition } from '@crossdock/contracts';

/** `crossdock.dlq.<service>.v1`: the catalog's naming rule for a service's dead-letter topic. */
export function deadLetterTopicName(service: string): string {
  return `crossdock.dlq.${service}.v1`;
}

/** The service's dead-letter topic from the catalog, or undefined when the catalog declares none. */
export function deadLetterTopicOf(service: string, contracts: Readonly<Record<string, TopicDefinition>> = Topics): TopicDefinition<DeadLetter> | undefined {
  const name = deadLetterTopicName(service);
  return Object.values(contracts).find((topic) => topic.name === name) as TopicDefinition<DeadLetter> | undefined;
}
