/**
 * How the hub and one 3PL address each other in X12: interchange ids (`qualifier:id`, e.g.
 * 'ZZ:CROSSDOCKDIST', '12:8005551234'), application ids for the GS, test or production, and how the
 * 3PL knows our items. One per 3PL location; the connector keeps the control-number counters.
 */
export interface ThirdPartyPartner {
  /** Our ISA05:ISA06 (the 940's sender, the 945's receiver). */
  readonly ourInterchangeId: string;
  /** The 3PL's ISA07:ISA08 on a 940, its ISA05:ISA06 on a 945. */
  readonly partnerInterchangeId: string;
  /** GS02 on what we send, GS03 on what the 3PL sends. */
  readonly ourApplicationId: string;
  /** GS03 on what we send, GS02 on what the 3PL sends. */
  readonly partnerApplicationId: string;
  /** ISA15: 'T' while testing with the 3PL, 'P' in production. */
  readonly usageIndicator: 'P' | 'T';
  /** Product/service id qualifier the 3PL stocks our SKUs under: 'VN' vendor's item number (default) or 'SK' SKU. */
  readonly itemQualifier?: 'VN' | 'SK';
  /** The 3PL warehouse's name for N1*SF (ship from). */
  readonly warehouseName: string;
}

/** Control numbers and time of one interchange we write; the connector allocates them per partner. */
export interface InterchangeNumbers {
  /** ISA13 (1..999999999). */
  readonly interchangeControlNumber: number;
  /** GS06; defaults to the ISA13. */
  readonly groupControlNumber?: number;
  /** ms since epoch: ISA09/ISA10, GS04/GS05. */
  readonly createdAt: number;
}

/** X12 version every 940/945 exchange uses (GS08); ISA12 is its interchange form. */
export const WAREHOUSE_X12_VERSION = '004010';

/** CCYYMMDD of an instant (UTC). */
export function x12Date(at: number): string {
  return new Date(at).toISOString().slice(0, 10).replaceAll('-', '');
}
