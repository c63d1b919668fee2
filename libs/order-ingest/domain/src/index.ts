export * from './issues/order-ingest-issue-codes';
export * from './issues/order-issue';

export * from './reference-data/reference-data.schema';
export * from './reference-data/reference-data.parser';
export * from './reference-data/reference-catalog';

export * from './validation/validation-context';
export * from './validation/order-accepted.draft';
export * from './validation/order-validation.pipeline';
export * from './validation/order-outcome.mapper';
export * from './validation/rules/channel-account.rule';
export * from './validation/rules/test-order.rule';
export * from './validation/rules/currency.rule';
export * from './validation/rules/ship-to-address.rule';
export * from './validation/rules/customer-account.rule';
export * from './validation/rules/credit-hold.rule';
export * from './validation/rules/payment-status.rule';
export * from './validation/rules/tax-jurisdiction.rule';
export * from './validation/rules/shipping-method.rule';
export * from './validation/rules/quantity-price.rule';
export * from './validation/rules/order-totals.rule';
export * from './validation/rules/item-mapping.rule';
export * from './validation/rules/item-substitution.rule';
export * from './validation/rules/unit-of-measure.rule';
export * from './validation/rules/fulfilment-location.rule';

export * from './idempotency/order-dedup-key';
export * from './idempotency/order-arrival.decision';
export * from './idempotency/fulfilment-progress';

export * from './erp/erp-order.payload';
export * from './erp/erp-order.port';
export * from './erp/erp-submission-queue.entry';
export * from './erp/erp-issue.mapper';
