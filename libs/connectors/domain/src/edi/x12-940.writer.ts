import type { PostalAddress, WarehouseRelease } from '@crossdock/contracts';
import { writeInterchange } from '@crossdock/edi/x12';
import { WAREHOUSE_X12_VERSION, x12Date, type InterchangeNumbers, type ThirdPartyPartner } from './third-party.partner';

/** W0501 order status codes the hub sends: N original, F cancel. */
export const ShippingOrderStatus = { Original: 'N', Cancel: 'F' } as const;

/** N9 qualifiers of a 940 / 945: ZZ (mutually defined) the release id, VN the ERP order, LI an order line id, 2I a tracking number. */
export const ReferenceQualifier = { ReleaseId: 'ZZ', ErpOrder: 'VN', LineItem: 'LI', Tracking: '2I', BillOfLading: 'BM' } as const;

/** SCACs of parcel carriers: their shipments travel as W6602 'U' (private parcel service), others as 'M' (motor). */
const PARCEL_CARRIERS = new Set(['UPSN', 'UPSS', 'FDE', 'FDEG', 'FXG', 'FEDX', 'USPS', 'DHL', 'DHLE', 'ONTR', 'LSO']);

export interface ShippingOrderFile {
  /** The X12 interchange (one ST*940 per release). */
  readonly content: string;
  readonly interchangeControlNumber: number;
  readonly groupControlNumber: number;
  /** ST02 of each release, to match the 3PL's 997 (AK2) back to it. */
  readonly transactions: readonly {
    readonly releaseId: string;
    readonly orderId: string;
    readonly action: WarehouseRelease['action'];
    readonly controlNumber: string;
  }[];
}

/**
 * Warehouse releases → one X12 940 Warehouse Shipping Order interchange (4010, GS01 'OW'), one
 * transaction set per release:
 * - W05: W0501 N original or F cancel, W0502 depositor order number = the hub order id (what the 945
 *   echoes in W0602), W0503 the channel's order / PO number;
 * - N1 loops: ST ship-to (N1 name and `92` location code, N3 street, N4 city/state/postal/country,
 *   G61 phone), SF the 3PL warehouse (`ZZ` + hub location id);
 * - N9: ZZ release id, VN ERP order number; NTE the cancellation reason;
 * - G62 10 requested ship date (ship-by); W66 PP, U/M, W6605 service (routing), W6610 SCAC;
 * - per line LX, W01 (quantity, unit, `VN`/`SK` item = hub SKU), N9 LI the order line id (echoed in
 *   the 945 so shipped units map back to the line);
 * - W76 total quantity; SE/GE/IEA counts and control numbers from the X12 core.
 * W0502 is AN 1/22 in the standard: 3PLs must accept the hub's longer order ids (agreed per partner).
 */
export function write940(releases: readonly WarehouseRelease[], partner: ThirdPartyPartner, numbers: InterchangeNumbers): ShippingOrderFile {
  if (releases.length === 0) throw new Error('a 940 interchange needs at least one release');
  const groupControlNumber = numbers.groupControlNumber ?? numbers.interchangeControlNumber;
  const transactions = releases.map((release, i) => ({
    releaseId: release.releaseId,
    orderId: release.orderId,
    action: release.action,
    controlNumber: String(i + 1).padStart(4, '0'),
  }));
  const content = writeInterchange({
    sender: partner.ourInterchangeId,
    receiver: partner.partnerInterchangeId,
    controlNumber: numbers.interchangeControlNumber,
    usageIndicator: partner.usageIndicator,
    createdAt: numbers.createdAt,
    groups: [
      {
        functionalId: 'OW',
        applicationSender: partner.ourApplicationId,
        applicationReceiver: partner.partnerApplicationId,
        controlNumber: groupControlNumber,
        version: WAREHOUSE_X12_VERSION,
        transactions: releases.map((release, i) => ({
          setId: '940',
          controlNumber: transactions[i]!.controlNumber,
          segments: shippingOrderBody(release, partner),
        })),
      },
    ],
  });
  return { content, interchangeControlNumber: numbers.interchangeControlNumber, groupControlNumber, transactions };
}

function shippingOrderBody(release: WarehouseRelease, partner: ThirdPartyPartner): string[][] {
  const cancel = release.action === 'CANCEL';
  const body: string[][] = [['W05', cancel ? ShippingOrderStatus.Cancel : ShippingOrderStatus.Original, release.orderId, release.channelOrderId]];
  if (release.shipTo) body.push(...shipToLoop(release.shipTo));
  body.push(['N1', 'SF', partner.warehouseName, 'ZZ', release.locationId]);
  body.push(['N9', ReferenceQualifier.ReleaseId, release.releaseId]);
  if (release.erpOrderNumber) body.push(['N9', ReferenceQualifier.ErpOrder, release.erpOrderNumber]);
  if (release.shipBy !== null) body.push(['G62', '10', x12Date(release.shipBy)]);
  if (cancel && release.reason) body.push(['NTE', 'GEN', `CANCEL ${release.reason}`]);
  const carrier = release.carrierCode.toUpperCase();
  body.push(['W66', 'PP', PARCEL_CARRIERS.has(carrier) ? 'U' : 'M', '', '', release.serviceCode, '', '', '', '', carrier]);
  release.lines.forEach((line, i) => {
    body.push(['LX', String(i + 1)]);
    body.push(['W01', String(line.quantity), line.unitOfMeasure || 'EA', '', partner.itemQualifier ?? 'VN', line.sku]);
    body.push(['N9', ReferenceQualifier.LineItem, line.lineId]);
  });
  body.push(['W76', String(release.lines.reduce((sum, line) => sum + line.quantity, 0))]);
  return body;
}

function shipToLoop(address: PostalAddress): string[][] {
  const name = address.company ?? address.name ?? '';
  const loop: string[][] = [address.locationCode ? ['N1', 'ST', name, '92', address.locationCode] : ['N1', 'ST', name]];
  if (address.company && address.name) loop.push(['N2', address.name]);
  // N3 carries two street lines.
  for (let i = 0; i < address.lines.length; i += 2) loop.push(['N3', ...address.lines.slice(i, i + 2)]);
  loop.push(['N4', address.city ?? '', subdivision(address.region, address.countryCode), address.postalCode ?? '', address.countryCode]);
  if (address.phone) loop.push(['G61', 'IC', address.name ?? name, 'TE', address.phone]);
  return loop;
}

/** N402 is the state or province code: 'US-OH' → 'OH'. */
function subdivision(region: string | null, countryCode: string): string {
  if (!region) return '';
  return region.startsWith(`${countryCode}-`) ? region.slice(countryCode.length + 1) : region;
}
