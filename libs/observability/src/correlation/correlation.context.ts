import { AsyncLocalStorage } from 'node:async_hooks';
import { Attributes, context, propagation, trace } from '@opentelemetry/api';

/**
 * Business-level identity of a unit of work. The correlation id follows one order across every
 * service and outlives any single trace (a replay next week starts a new trace, same correlation id).
 */
export interface CorrelationContext {
  readonly correlationId: string;
  /** Id of the message or request that directly caused this work. */
  readonly causationId?: string;
  readonly idempotencyKey?: string | undefined;
  readonly orderId?: string;
}

/** Span attribute and baggage key names; SREs search Jaeger by these tags. */
export const CorrelationAttribute = {
  CorrelationId: 'crossdock.correlation_id',
  CausationId: 'crossdock.causation_id',
  OrderId: 'crossdock.order_id',
} as const;

// Kept separate from the OTel context so correlation still works when tracing is disabled.
const storage = new AsyncLocalStorage<CorrelationContext>();

/**
 * Runs `fn` with `correlation` as the current correlation context, across every await and callback
 * it starts. Also tags the active span and puts the correlation id into OTel baggage, so it crosses
 * process boundaries with the W3C `baggage` header wherever trace context does.
 */
export function runWithCorrelation<T>(correlation: CorrelationContext, fn: () => T): T {
  if (!correlation.correlationId) throw new Error('runWithCorrelation: correlationId must be a non-empty string');
  const frozen: CorrelationContext = Object.freeze({ ...correlation });
  trace.getActiveSpan()?.setAttributes(correlationAttributes(frozen));
  const baggage = (propagation.getActiveBaggage() ?? propagation.createBaggage()).setEntry(CorrelationAttribute.CorrelationId, { value: frozen.correlationId });
  const otelContext = propagation.setBaggage(context.active(), baggage);
  return storage.run(frozen, () => context.with(otelContext, fn));
}

export function currentCorrelation(): CorrelationContext | undefined {
  return storage.getStore();
}

/** The correlation fields worth indexing on a span; the idempotency key is not a search key. */
export function correlationAttributes(correlation: CorrelationContext): Attributes {
  const attributes: Attributes = { [CorrelationAttribute.CorrelationId]: correlation.correlationId };
  if (correlation.causationId) attributes[CorrelationAttribute.CausationId] = correlation.causationId;
  if (correlation.orderId) attributes[CorrelationAttribute.OrderId] = correlation.orderId;
  return attributes;
}
