import type { SalesChannel } from '@crossdock/contracts';

/** One ERP sales-order line in base units, routed to its shipping location. */
export interface ErpOrderLine {
  /** 1-based position; legacy ERPs number lines themselves in steps, so this is advisory. */
  readonly lineNumber: number;
  readonly channelLineId: string;
  readonly sku: string;
  readonly quantity: number;
  readonly unitOfMeasure: string;
  /** Extended amount as charged (authoritative; unit prices may be rounded). */
  readonly extendedAmountMinor: number;
  readonly discountMinor: number;
  readonly taxMinor: number;
  readonly locationId: string;
  /** Hub SKU the channel ordered when a substitute ships, so the invoice can explain it. */
  readonly substitutedForSku: string | null;
  readonly description: string | null;
}

/**
 * The canonical ERP order, the same for every ERP adapter. `externalId` is the hub's canonical order
 * id: the ERP stores it on the sales order (cloud ERPs: external id / upsert key; legacy ERPs:
 * customer-reference field with a uniqueness check), which is what makes a resubmission after a
 * crash find the existing order instead of creating a second one.
 */
export interface ErpOrderPayload {
  readonly externalId: string;
  readonly channel: SalesChannel;
  readonly channelAccountId: string;
  readonly channelOrderId: string;
  readonly channelOrderNumber: string | null;
  readonly purchaseOrderNumber: string | null;
  readonly customer: {
    readonly erpCustomerNumber: string;
    readonly erpBillToId: string | null;
    readonly erpShipToId: string | null;
    readonly paymentTerms: string | null;
  };
  readonly shipTo: {
    readonly name: string | null;
    readonly company: string | null;
    readonly lines: readonly string[];
    readonly city: string | null;
    readonly region: string | null;
    readonly postalCode: string | null;
    readonly countryCode: string;
    readonly phone: string | null;
  };
  readonly currency: string;
  readonly pricesIncludeTax: boolean;
  readonly tax: {
    readonly jurisdictionCode: string;
    readonly taxExempt: boolean;
    readonly marketplaceFacilitator: boolean;
  };
  readonly carrier: {
    readonly carrierCode: string;
    readonly serviceCode: string;
    readonly billingAccount: string | null;
    readonly shipBy: number | null;
  };
  readonly lines: readonly ErpOrderLine[];
  readonly totals: {
    readonly subtotalMinor: number;
    readonly discountMinor: number;
    readonly shippingMinor: number;
    readonly taxMinor: number;
    readonly totalMinor: number;
  };
  readonly paymentReference: string | null;
  readonly placedAt: number;
  readonly notes: string | null;
}
