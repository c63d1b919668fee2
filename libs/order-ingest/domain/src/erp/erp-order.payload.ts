import type { ErpOrderPayload } from '@crossdock/erp/domain';
import type { OrderAcceptedDraft } from '../validation/order-accepted.draft';

export function buildErpOrderPayload(draft: OrderAcceptedDraft): ErpOrderPayload {
  const { shipTo } = draft;
  return {
    externalId: draft.orderId,
    channel: draft.channel,
    channelAccountId: draft.channelAccountId,
    channelOrderId: draft.channelOrderId,
    channelOrderNumber: draft.channelOrderNumber,
    purchaseOrderNumber: draft.purchaseOrderNumber,
    customer: {
      erpCustomerNumber: draft.account.erpCustomerNumber,
      erpBillToId: draft.account.erpBillToId,
      erpShipToId: draft.account.erpShipToId,
      paymentTerms: draft.account.paymentTerms,
    },
    shipTo: {
      name: shipTo.name,
      company: shipTo.company,
      lines: shipTo.lines,
      city: shipTo.city,
      region: shipTo.region,
      postalCode: shipTo.postalCode,
      countryCode: shipTo.countryCode,
      phone: shipTo.phone,
    },
    currency: draft.currency,
    pricesIncludeTax: draft.pricesIncludeTax,
    tax: {
      jurisdictionCode: draft.tax.jurisdictionCode,
      taxExempt: draft.tax.taxExempt,
      marketplaceFacilitator: draft.tax.marketplaceFacilitator,
    },
    carrier: { ...draft.carrierService },
    lines: draft.lines.map((l, i) => ({
      lineNumber: i + 1,
      channelLineId: l.lineId,
      sku: l.sku,
      quantity: l.quantity,
      unitOfMeasure: l.unitOfMeasure,
      extendedAmountMinor: l.lineSubtotalMinor,
      discountMinor: l.discountMinor,
      taxMinor: l.taxMinor,
      locationId: l.locationId,
      substitutedForSku: l.substitution?.originalSku ?? null,
      description: l.description,
    })),
    totals: { ...draft.totals },
    paymentReference: draft.payment.transactionRef,
    placedAt: draft.placedAt,
    notes: [draft.notes, draft.deliveryInstructions].filter((n): n is string => !!n).join(' | ') || null,
  };
}
