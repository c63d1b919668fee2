import { Topics } from './generated/topics';
import type { TopicDefinition } from './topic-definition';

/**
 * The topics a service writes (owner) or reads (consumer), as the catalog says: what its integration
 * tests and benchmarks create, so those lists cannot drift from the contract.
 */
export function topicsOf(service: string, contracts: Readonly<Record<string, TopicDefinition>> = Topics): TopicDefinition[] {
  return Object.values(contracts).filter((topic) => topic.owner === service || topic.consumers.includes(service));
}
