import { parseCatalog } from './catalog.loader';
import { ContractError } from './contract-error';
import { FIXTURE_CATALOG } from './contract.fixtures';

describe('parseCatalog', () => {
  it('normalises topics and resolves their complete Kafka configs', () => {
    const catalog = parseCatalog(FIXTURE_CATALOG);
    expect(catalog.topics.map((topic) => topic.key)).toEqual(['stockLevels', 'availabilityDeadLetters']);
    const [stock, deadLetters] = catalog.topics;
    expect(stock?.retentionMs).toBe(-1);
    expect(stock?.configs).toEqual({ 'cleanup.policy': 'compact', 'retention.ms': '-1', 'min.cleanable.dirty.ratio': '0.1' });
    expect(deadLetters?.retentionMs).toBe(30 * 24 * 3_600_000);
    expect(deadLetters?.configs).toEqual({ 'cleanup.policy': 'delete', 'retention.ms': '2592000000' });
    expect(stock?.messageKey.format).toBe('{sku}@{locationId}');
  });

  it('reports every problem at once, with its path', () => {
    const broken = FIXTURE_CATALOG.replace('partitions: 6', 'partitions: 0').replace('owner: availability', 'owner: Availability');
    expect(() => parseCatalog(broken)).toThrow(ContractError);
    try {
      parseCatalog(broken);
    } catch (error) {
      const problems = (error as ContractError).problems.join('\n');
      expect(problems).toMatch(/topics\.stockLevels\.partitions/);
      expect(problems).toMatch(/topics\.availabilityDeadLetters\.owner/);
    }
  });

  it('rejects overriding cleanup.policy via configs and finite retention on compacted topics', () => {
    const broken = FIXTURE_CATALOG.replace('retention: infinite', 'retention: 7d\n    configs: { cleanup.policy: delete }');
    expect(() => parseCatalog(broken)).toThrow(/configs\.cleanup\.policy[\s\S]*compacted topics are tables/);
  });

  it('rejects unknown attributes, so a typo is not silently ignored', () => {
    expect(() => parseCatalog(FIXTURE_CATALOG.replace('partitions: 6', 'partitions: 6\n    partitons: 12'))).toThrow(/partitons|Unrecognized/);
  });
});
