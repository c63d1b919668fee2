import { progressLine } from './progress';

describe('progressLine', () => {
  it('shows time, phase, traffic, outcomes and the ERP state on one line', () => {
    const line = progressLine({
      elapsedMs: 65_400,
      phase: 'erp-outage',
      sent: { shopify: 10, amazon: 6, edi: 4 },
      onKafka: 19,
      accepted: 12,
      held: 2,
      rejected: 1,
      erpDown: true,
      erpQueueDepth: 4,
      erpBooks: 12,
      publications: 30,
      stockMoves: 5,
    });
    expect(line).toBe(
      '  65s erp-outage | sent   20 (shopify 10, amazon 6, edi 4) | on Kafka 19 | accepted 12 held 2 rejected 1 | ERP DOWN queue 4 books 12 | availability published 30 | stock moves 5',
    );
  });
});
