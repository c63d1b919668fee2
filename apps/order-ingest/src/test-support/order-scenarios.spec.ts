import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  availabilitySnapshotFrom,
  evaluateChannelOrder,
  indexReferenceData,
  itemCatalogFrom,
  mergeReferenceData,
  parseReferenceDataFile,
} from '@crossdock/order-ingest/domain';
import { OrderIssueCode } from '@crossdock/contracts';
import { acmeOrder, ediOrder, REASON_CASES, SCENARIO_AVAILABILITY, SCENARIO_ITEMS } from './order-scenarios';

const dir = join(__dirname, '../../../../libs/order-ingest/domain/reference-data');
const reference = indexReferenceData(
  mergeReferenceData(
    readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => parseReferenceDataFile(readFileSync(join(dir, f), 'utf8'), f)),
  ),
);
const evaluate = (order: Parameters<typeof evaluateChannelOrder>[0]['order']) =>
  evaluateChannelOrder({
    order,
    reference,
    items: itemCatalogFrom(SCENARIO_ITEMS),
    availability: availabilitySnapshotFrom(SCENARIO_AVAILABILITY),
    now: Date.now(),
  });

describe('order scenarios used by the integration tests', () => {
  it('the base orders are accepted', () => {
    expect(evaluate(acmeOrder('1')).issues).toEqual([]);
    expect(evaluate(ediOrder('1')).issues).toEqual([]);
  });

  it.each(REASON_CASES.map((c) => [c.code, c] as const))('%s: the case trips exactly its code', (code, scenario) => {
    const evaluation = evaluate(scenario.order('1'));
    expect([...new Set(evaluation.issues.map((i) => i.reasonCode))]).toEqual([code]);
    expect(evaluation.disposition).toBe(scenario.disposition);
  });

  it('covers every validation code of the contract (the ERP codes are tested through the ERP)', () => {
    const covered = new Set(REASON_CASES.map((c) => c.code));
    const missing = Object.values(OrderIssueCode).filter((c) => !covered.has(c) && c !== 'ERP_REJECTED' && c !== 'ERP_UNAVAILABLE');
    expect(missing).toEqual([]);
  });
});
