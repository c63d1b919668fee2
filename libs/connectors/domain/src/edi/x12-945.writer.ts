import { writeInterchange } from '@crossdock/edi/x12';
import { WAREHOUSE_X12_VERSION, x12Date, type InterchangeNumbers, type ThirdPartyPartner } from './third-party.partner';
import { ReferenceQualifier } from './x12-940.writer';

/** W1201 shipment/order status codes: CC complete, CP partial shipment considered no backorder, IC item cancelled. */
export const ItemStatus = { Complete: 'CC', PartialNoBackorder: 'CP', ItemCancelled: 'IC' } as const;

export interface AdviceLineToWrite {
  /** Our order line id (940 N9 LI), echoed in N9 LI. */
  readonly lineId: string;
  readonly sku: string;
  /** W1202: the released quantity of the line. */
  readonly ordered: number;
  /** W1203: units of the line in this carton (0 for a line short-picked to nothing). */
  readonly shipped: number;
  readonly unitOfMeasure: string;
  /** W1201 ({@link ItemStatus}). */
  readonly status: string;
  /** W1210 gross weight of these units in pounds, when weighed. */
  readonly weightLb: number | null;
}

export interface AdviceCartonToWrite {
  /** SSCC-18 of the carton label (MAN GM). */
  readonly sscc: string;
  /** Parcel tracking number (MAN04/05 CP). */
  readonly trackingNumber: string | null;
  readonly lines: readonly AdviceLineToWrite[];
}

/** One shipment of one order, as a 3PL reports it. */
export interface ShipmentAdviceToWrite {
  /** W0602: the depositor order number of the 940 (the hub order id). */
  readonly depositorOrder: string;
  /** W0604: the 3PL's shipment id. */
  readonly shipmentId: string;
  /** W0606: the purchase order number of the 940. */
  readonly purchaseOrder: string | null;
  /** N9 ZZ: the release id of the 940, echoed. */
  readonly releaseId: string | null;
  readonly shippedAt: number;
  /** W2702 SCAC and W2703 routing (service). */
  readonly carrier: { readonly scac: string; readonly service: string };
  readonly cartons: readonly AdviceCartonToWrite[];
  /** Lines short-picked to nothing: in an LX loop of their own, without MAN. */
  readonly unshipped: readonly AdviceLineToWrite[];
}

/**
 * Shipments → one X12 945 interchange (4010, GS01 'SW'), written as the 3PL of `partner` sends it
 * (its id is the sender, ours the receiver): W06, N1 SF, N9 ZZ release, G62 11 shipped date and time, W27,
 * an LX loop per carton (MAN GM SSCC-18 with CP tracking, W12 per line with N9 LI), an LX loop per
 * unshipped line, W03 totals (units, weight LB, cartons CT). W1204 is the line's ordered minus
 * shipped over the whole shipment. The 3PL simulator and the test fixtures write with it.
 */
export function write945(advices: readonly ShipmentAdviceToWrite[], partner: ThirdPartyPartner, numbers: InterchangeNumbers): string {
  return writeInterchange({
    sender: partner.partnerInterchangeId,
    receiver: partner.ourInterchangeId,
    controlNumber: numbers.interchangeControlNumber,
    usageIndicator: partner.usageIndicator,
    createdAt: numbers.createdAt,
    groups: [
      {
        functionalId: 'SW',
        applicationSender: partner.partnerApplicationId,
        applicationReceiver: partner.ourApplicationId,
        controlNumber: numbers.groupControlNumber ?? numbers.interchangeControlNumber,
        version: WAREHOUSE_X12_VERSION,
        transactions: advices.map((advice, i) => ({ setId: '945', controlNumber: String(i + 1).padStart(4, '0'), segments: adviceBody(advice, partner) })),
      },
    ],
  });
}

/** G6203 time qualifier: the time the carrier took the freight (G6201 11: shipped on this date). */
const ACTUAL_PICKUP_TIME = '8';

/** HHMMSS, UTC: a 945 that says when on the ship date the shipment left, not only the day. */
function x12TimeOfDay(at: number): string {
  return new Date(at).toISOString().slice(11, 19).replace(/:/g, '');
}

function adviceBody(advice: ShipmentAdviceToWrite, partner: ThirdPartyPartner): string[][] {
  const date = x12Date(advice.shippedAt);
  const body: string[][] = [['W06', 'F', advice.depositorOrder, date, advice.shipmentId, '', advice.purchaseOrder ?? '']];
  body.push(['N1', 'SF', partner.warehouseName]);
  if (advice.releaseId) body.push(['N9', ReferenceQualifier.ReleaseId, advice.releaseId]);
  body.push(['G62', '11', date, ACTUAL_PICKUP_TIME, x12TimeOfDay(advice.shippedAt)]);
  body.push(['W27', 'U', advice.carrier.scac, advice.carrier.service, 'PP']);
  const all = [...advice.cartons.flatMap((c) => c.lines), ...advice.unshipped];
  const shippedOf = (lineId: string) => all.filter((l) => l.lineId === lineId).reduce((sum, l) => sum + l.shipped, 0);
  const item = (line: AdviceLineToWrite): string[][] => [
    [
      'W12',
      line.status,
      String(line.ordered),
      String(line.shipped),
      String(Math.max(0, line.ordered - shippedOf(line.lineId))),
      line.unitOfMeasure,
      '',
      partner.itemQualifier ?? 'VN',
      line.sku,
      '',
      ...(line.weightLb === null ? [] : [weight(line.weightLb), 'G', 'L']),
    ],
    ['N9', ReferenceQualifier.LineItem, line.lineId],
  ];
  let lx = 0;
  for (const carton of advice.cartons) {
    body.push(['LX', String((lx += 1))]);
    body.push(carton.trackingNumber ? ['MAN', 'GM', carton.sscc, '', 'CP', carton.trackingNumber] : ['MAN', 'GM', carton.sscc]);
    for (const line of carton.lines) body.push(...item(line));
  }
  for (const line of advice.unshipped) {
    body.push(['LX', String((lx += 1))]);
    body.push(...item(line));
  }
  const units = all.reduce((sum, l) => sum + l.shipped, 0);
  const pounds = all.reduce((sum, l) => sum + (l.weightLb ?? 0), 0);
  body.push(['W03', String(units), weight(pounds), 'LB', '', '', String(advice.cartons.length), 'CT']);
  return body;
}

function weight(pounds: number): string {
  return String(Math.round(pounds * 100) / 100);
}
