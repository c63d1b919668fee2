import { Injectable } from '@nestjs/common';
import type { ChannelOrder } from '@crossdock/contracts';
import { withSpan } from '@crossdock/observability';
import { evaluateChannelOrder, type OrderEvaluation } from '@crossdock/order-ingest/domain';
import { ReferenceDataStore } from '../reference-data/reference-data.store';
import { ReferenceTablesService } from '../tables/reference-tables.service';

/** Runs the domain's validation pipeline against the current reference data, item master and availability. */
@Injectable()
export class OrderEvaluatorService {
  constructor(
    private readonly referenceData: ReferenceDataStore,
    private readonly tables: ReferenceTablesService,
  ) {}

  evaluate(order: ChannelOrder): Promise<OrderEvaluation> {
    return withSpan('order-ingest validate', { attributes: { 'crossdock.order_id': order.orderId } }, (span) => {
      const evaluation = evaluateChannelOrder({
        order,
        reference: this.referenceData.current(),
        items: this.tables,
        availability: this.tables,
        now: Date.now(),
      });
      span.setAttribute('crossdock.order.disposition', evaluation.disposition);
      if (evaluation.issues.length > 0) span.setAttribute('crossdock.order.reason_codes', evaluation.issues.map((i) => i.reasonCode).join(','));
      return evaluation;
    });
  }
}
