/** Where one order stands at the simulated 3PL. */
export type ThirdPartyOrderStatus = 'RECEIVED' | 'PICKED' | 'SHIPPED' | 'CANCELLED';

export interface ThirdPartyOrderLine {
  /** Our line id (940 N9 LI). */
  readonly lineId: string;
  readonly sku: string;
  readonly unitOfMeasure: string;
  /** What the 940 released. */
  readonly ordered: number;
  /** What was picked (≤ ordered; less is a short-pick). */
  picked: number;
}

/** One order the 3PL was asked to ship by a 940 (W0501 N). */
export interface ThirdPartyOrder {
  /** W0502: the hub order id. */
  readonly depositorOrder: string;
  readonly purchaseOrder: string | null;
  readonly releaseId: string | null;
  readonly carrierCode: string | null;
  readonly serviceCode: string | null;
  readonly lines: ThirdPartyOrderLine[];
  status: ThirdPartyOrderStatus;
  /** When its 940 was collected (ms since epoch). */
  readonly receivedAt: number;
  /** The 3PL's shipment id, once shipped. */
  shipmentId: string | null;
}

/** A 940 cancel (W0501 F) and what the 3PL did with it. */
export interface ThirdPartyCancel {
  readonly depositorOrder: string;
  readonly honoured: boolean;
  /** Why it was refused (the order was picked or shipped), or null. */
  readonly refusedBecause: 'ALREADY_PICKED' | 'ALREADY_SHIPPED' | null;
}

/** A file the 3PL wrote into its outbound folder. */
export interface ThirdPartyFileSent {
  readonly file: string;
  readonly interchangeControl: number;
  readonly content: string;
}

/** A 945 the 3PL sent, with the shipment it reports. */
export interface ThirdPartyAdviceSent extends ThirdPartyFileSent {
  readonly depositorOrder: string;
  readonly shipmentId: string;
  readonly shipped: Readonly<Record<string, number>>;
  readonly trackingNumbers: readonly string[];
}

/** A 997 the hub sent about one of the 3PL's 945s: the group it acknowledges and its AK9. */
export interface ThirdPartyAcknowledgementReceived {
  readonly file: string;
  readonly groupControlNumber: string;
  readonly status: string;
  readonly acceptedSets: number;
}

/**
 * What the simulated 3PL was told and what it did, kept for tests and the demo to check: orders
 * (releases received), cancels honoured or refused, the 997s and 945s it wrote, the 997s it got,
 * and the files it could not read.
 */
export class ThirdPartyBooks {
  readonly orders = new Map<string, ThirdPartyOrder>();
  readonly cancels: ThirdPartyCancel[] = [];
  readonly acknowledgementsSent: ThirdPartyFileSent[] = [];
  readonly advicesSent: ThirdPartyAdviceSent[] = [];
  readonly acknowledgementsReceived: ThirdPartyAcknowledgementReceived[] = [];
  readonly unreadable: Array<{ readonly file: string; readonly problem: string }> = [];
  /** 940 sets (W0501 N) received, duplicates of an order included. */
  releasesReceived = 0;

  order(depositorOrder: string): ThirdPartyOrder | undefined {
    return this.orders.get(depositorOrder);
  }
}
