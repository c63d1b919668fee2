import type {
  AcceptedLine,
  CarrierService,
  OrderTotals,
  PaymentInfo,
  PostalAddress,
  ResolvedAccount,
  SalesChannel,
  TaxDetermination,
} from '@crossdock/contracts';

/** One line as validated, mapped, converted and routed; the ERP line number is not known yet. */
export interface DraftLine extends Omit<AcceptedLine, 'erpLineNumber'> {
  /** Position of the line in the channel order; the ERP line number is derived from it. */
  readonly lineIndex: number;
  /** Quantity and unit as the channel ordered them (the base-unit figures are `quantity`/`unitOfMeasure`). */
  readonly channelQuantity: number;
  readonly channelUnitOfMeasure: string | null;
  readonly unitPriceMinor: number;
  /** Authoritative extended amount as charged by the channel. */
  readonly lineSubtotalMinor: number;
  readonly discountMinor: number;
  readonly taxMinor: number;
  readonly description: string | null;
}

/**
 * Everything the ERP submission and the OrderAccepted event need, decided before the ERP is called:
 * the ERP adds only its order and line numbers. Persisted with the order (and its ERP submission), so a restart never
 * re-runs rules against newer reference data for an order already decided.
 */
export interface OrderAcceptedDraft {
  readonly orderId: string;
  /** eventId of the ChannelOrder that was evaluated. */
  readonly causationId: string;
  readonly channel: SalesChannel;
  readonly channelAccountId: string;
  readonly channelOrderId: string;
  readonly channelOrderNumber: string | null;
  readonly purchaseOrderNumber: string | null;
  readonly account: ResolvedAccount;
  readonly tax: TaxDetermination;
  readonly carrierService: CarrierService;
  readonly shipTo: PostalAddress;
  readonly billTo: PostalAddress | null;
  readonly currency: string;
  readonly pricesIncludeTax: boolean;
  readonly totals: OrderTotals;
  readonly payment: Pick<PaymentInfo, 'status' | 'method' | 'transactionRef'>;
  readonly fulfilledByChannel: boolean;
  readonly lines: readonly DraftLine[];
  readonly notes: string | null;
  readonly deliveryInstructions: string | null;
  readonly placedAt: number;
  /** Reference-data revisions the decision was made with, for audit and replay explanations. */
  readonly referenceRevisions: Readonly<Record<string, string>>;
}
