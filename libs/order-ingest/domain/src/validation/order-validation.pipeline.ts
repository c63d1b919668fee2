import type { ChannelOrder, ChannelOrderLine, ItemMaster, ItemSubstitution } from '@crossdock/contracts';
import type { RuleIssue } from '../issues/order-issue';
import type { ReferenceCatalog } from '../reference-data/reference-catalog';
import type { OrderAcceptedDraft, DraftLine } from './order-accepted.draft';
import { resolveChannelAccount } from './rules/channel-account.rule';
import { checkCreditHold } from './rules/credit-hold.rule';
import { checkCurrency } from './rules/currency.rule';
import { resolveCustomerAccount } from './rules/customer-account.rule';
import { assignFulfilmentLocations, type RoutableLine } from './rules/fulfilment-location.rule';
import { mapLineItem } from './rules/item-mapping.rule';
import { substituteDiscontinuedItem } from './rules/item-substitution.rule';
import { checkOrderTotals } from './rules/order-totals.rule';
import { checkPaymentStatus } from './rules/payment-status.rule';
import { checkQuantitiesAndPrices } from './rules/quantity-price.rule';
import { checkShipToAddress } from './rules/ship-to-address.rule';
import { translateShippingMethod } from './rules/shipping-method.rule';
import { resolveTaxJurisdiction, type TaxAddress } from './rules/tax-jurisdiction.rule';
import { checkTestOrder } from './rules/test-order.rule';
import { convertToBaseUnit } from './rules/unit-of-measure.rule';
import type { AvailabilitySnapshot, ItemCatalog } from './validation-context';

export interface OrderValidationInput {
  readonly order: ChannelOrder;
  readonly reference: ReferenceCatalog;
  readonly items: ItemCatalog;
  readonly availability: AvailabilitySnapshot;
  /** Evaluation time, epoch ms (injected: the pipeline never reads the clock). */
  readonly now: number;
}

export type OrderEvaluation =
  | { readonly disposition: 'ACCEPTED'; readonly draft: OrderAcceptedDraft; readonly issues: readonly [] }
  | { readonly disposition: 'REJECTED' | 'HELD'; readonly draft: null; readonly issues: readonly RuleIssue[] };

interface MappedLine {
  readonly line: ChannelOrderLine;
  readonly index: number;
  readonly item: ItemMaster;
  readonly substitution: ItemSubstitution | null;
  readonly sellThroughOnly: boolean;
  readonly baseQuantity: number;
}

/**
 * Runs every rule and reports every issue, so an operator fixes an order in one pass. Rules that
 * depend on an earlier result (credit hold needs the account, routing needs the item) are skipped
 * when that result is missing; its own issue already explains why. Any REJECTED issue makes the order
 * REJECTED (holding an order that can never be booked only delays telling the channel); otherwise
 * any issue makes it HELD.
 */
export function evaluateChannelOrder(input: OrderValidationInput): OrderEvaluation {
  const { order, reference, items, availability, now } = input;
  const accountOutcome = resolveChannelAccount(order, reference);
  const account = accountOutcome.value;
  if (!account) return verdict(accountOutcome.issues);

  const issues: RuleIssue[] = [
    ...checkTestOrder(order, account),
    ...checkCurrency(order, account),
    ...checkShipToAddress(order.shipTo),
    ...checkQuantitiesAndPrices(order),
    ...checkOrderTotals(order),
  ];

  const customer = resolveCustomerAccount(order, account, reference);
  issues.push(...customer.issues);
  if (customer.value) issues.push(...checkCreditHold(customer.value.account, reference));
  const business = customer.value?.isBusinessOrder ?? account.salesModel === 'B2B';
  issues.push(...checkPaymentStatus(order.payment, business));

  const site = customer.value?.shipToSite ?? null;
  const taxAddress: TaxAddress = site
    ? { countryCode: site.countryCode, region: site.region, postalCode: site.postalCode, field: 'shipTo.locationCode' }
    : {
        countryCode: order.shipTo.countryCode,
        region: order.shipTo.region,
        postalCode: order.shipTo.postalCode,
        field: 'shipTo.postalCode',
      };
  // A bare location code that resolved to no site already carries its issue; tax has no address to use.
  const addressKnown = site !== null || order.shipTo.lines.length > 0 || order.shipTo.locationCode === null;
  const tax = addressKnown ? resolveTaxJurisdiction(taxAddress, order.customer.taxExemptionCertificateId, account, reference) : { value: null, issues: [] };
  issues.push(...tax.issues);
  const carrier = translateShippingMethod(order.shipping, account.channelAccountId, reference);
  issues.push(...carrier.issues);

  const mapped: MappedLine[] = [];
  order.lines.forEach((line, index) => {
    const item = mapLineItem(line, index, account.channelAccountId, reference, items);
    issues.push(...item.issues);
    if (!item.value) return;
    const shipped = substituteDiscontinuedItem(item.value, account.channelAccountId, reference, items, now);
    const quantity = convertToBaseUnit(line, index, shipped.item);
    issues.push(...quantity.issues);
    if (quantity.value === null) return;
    mapped.push({
      line,
      index,
      item: shipped.item,
      substitution: shipped.substitution,
      sellThroughOnly: shipped.sellThroughOnly,
      baseQuantity: quantity.value,
    });
  });

  // Only positive whole quantities can be routed; invalid ones already carry QUANTITY_INVALID.
  const routable: RoutableLine[] = mapped
    .filter((m) => Number.isSafeInteger(m.baseQuantity) && m.baseQuantity > 0)
    .map((m) => ({
      lineId: m.line.lineId,
      index: m.index,
      sku: m.item.sku,
      quantity: m.baseQuantity,
      sellThroughOnly: m.sellThroughOnly,
    }));
  const routing = assignFulfilmentLocations(routable, account, order.shipTo, order.fulfilledByChannel, reference, availability);
  issues.push(...routing.issues);

  if (issues.length > 0 || !customer.value || !tax.value || !carrier.value) return verdict(issues);

  const lines: DraftLine[] = mapped.map((m) => {
    const location = routing.assignments.get(m.line.lineId);
    if (!location) throw new Error(`invariant: line ${m.line.lineId} accepted without a location`);
    return {
      lineId: m.line.lineId,
      lineIndex: m.index,
      channelSku: m.line.channelSku,
      sku: m.item.sku,
      quantity: m.baseQuantity,
      unitOfMeasure: m.item.baseUnitOfMeasure,
      substitution: m.substitution,
      locationId: location.locationId,
      locationType: location.locationType,
      channelQuantity: m.line.quantity,
      channelUnitOfMeasure: m.line.unitOfMeasure,
      unitPriceMinor: m.line.unitPriceMinor,
      lineSubtotalMinor: m.line.lineSubtotalMinor,
      discountMinor: m.line.discountMinor,
      taxMinor: m.line.taxMinor,
      description: m.line.description,
    };
  });
  const shipTo =
    site && order.shipTo.lines.length === 0
      ? {
          ...order.shipTo,
          city: site.city,
          region: site.region,
          postalCode: site.postalCode,
          countryCode: site.countryCode,
        }
      : order.shipTo;
  return {
    disposition: 'ACCEPTED',
    issues: [],
    draft: {
      orderId: order.orderId,
      causationId: order.eventId,
      channel: order.channel,
      channelAccountId: order.channelAccountId,
      channelOrderId: order.channelOrderId,
      channelOrderNumber: order.channelOrderNumber,
      purchaseOrderNumber: order.purchaseOrderNumber,
      account: customer.value.account,
      tax: tax.value,
      carrierService: carrier.value,
      shipTo,
      billTo: order.billTo,
      currency: order.currency,
      pricesIncludeTax: order.pricesIncludeTax,
      totals: order.totals,
      payment: {
        status: order.payment.status,
        method: order.payment.method,
        transactionRef: order.payment.transactionRef,
      },
      fulfilledByChannel: order.fulfilledByChannel,
      lines,
      notes: order.notes,
      deliveryInstructions: order.shipping.instructions,
      placedAt: order.placedAt,
      referenceRevisions: { ...reference.revisions },
    },
  };
}

function verdict(issues: readonly RuleIssue[]): OrderEvaluation {
  const disposition = issues.some((i) => i.disposition === 'REJECTED') ? 'REJECTED' : 'HELD';
  return { disposition, draft: null, issues };
}
