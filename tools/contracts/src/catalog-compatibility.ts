import type { Catalog } from './catalog.loader';

export interface CatalogFindings {
  readonly problems: string[];
  readonly warnings: string[];
}

/**
 * What may not change while a topic keeps its name (= major version): the key format and the
 * partition count decide which partition a key lives on, the cleanup policy whether the topic is a
 * table or a log, and the value record what every consumer decodes. A compacted topic may not even
 * grow: the old record of a key would stay on its old partition, never compacted away, and a
 * consumer rebuilding the table would see two current values.
 */
export function compareCatalogs(previous: Catalog, current: Catalog, previousLabel: string): CatalogFindings {
  const findings: CatalogFindings = { problems: [], warnings: [] };
  const currentByName = new Map(current.topics.map((topic) => [topic.name, topic]));
  const newMajor = 'needs a new major version (a new topic name)';
  for (const before of previous.topics) {
    const after = currentByName.get(before.name);
    const where = `topic ${before.name}`;
    if (!after) {
      findings.warnings.push(`${where} (in ${previousLabel}) is no longer in the catalog; retire it in Kafka deliberately`);
      continue;
    }
    if (before.messageKey.format !== after.messageKey.format) {
      findings.problems.push(`${where}: key format changed from ${before.messageKey.format} to ${after.messageKey.format} since ${previousLabel}; ${newMajor}`);
    }
    if (before.cleanupPolicy !== after.cleanupPolicy) {
      findings.problems.push(`${where}: cleanup policy changed from ${before.cleanupPolicy} to ${after.cleanupPolicy} since ${previousLabel}; ${newMajor}`);
    }
    if (before.value.record !== after.value.record) {
      findings.problems.push(`${where}: value record changed from ${before.value.record} to ${after.value.record} since ${previousLabel}; ${newMajor}`);
    }
    if (after.partitions < before.partitions) {
      findings.problems.push(
        `${where}: partitions went down from ${before.partitions} to ${after.partitions} since ${previousLabel}; Kafka cannot remove partitions`,
      );
    } else if (after.partitions > before.partitions && after.cleanupPolicy === 'compact') {
      findings.problems.push(
        `${where}: compacted topic grew from ${before.partitions} to ${after.partitions} partitions since ${previousLabel}; keys would move and old values never be compacted; ${newMajor}`,
      );
    } else if (after.partitions > before.partitions) {
      findings.warnings.push(
        `${where}: partitions grow from ${before.partitions} to ${after.partitions}; keys move, so per-key order only holds for records written after the change`,
      );
    }
  }
  return findings;
}
