import type { PostalAddress } from '@crossdock/contracts';
import { AdapterRejectionCode } from '../core/rejection';
import { Ak4Code, type X12Seg } from '@crossdock/edi/x12';
import { rejectSegment, requiredElement, type SegmentGroupReader } from './x12-850.segment';

/** One N1 loop: the N1 and the N2, N3 and N4 that follow it. */
export interface PartyLoop {
  readonly n1: X12Seg;
  readonly n2: readonly X12Seg[];
  readonly n3: readonly X12Seg[];
  readonly n4: X12Seg | null;
}

export interface Contact {
  readonly name: string | null;
  readonly phone: string | null;
  readonly email: string | null;
}

export interface Parties {
  readonly shipTo: PostalAddress;
  readonly billTo: PostalAddress | null;
  /** N1*BY: N102 name and N104 id (the buyer's GLN with N103 UL). */
  readonly buyer: { readonly companyName: string | null; readonly accountRef: string | null };
  readonly contact: Contact;
  /** `N1:BY` = `N103:N104` and `N1:Z7` (mark-for) = N104, when those parties carry an id. */
  readonly attributes: Readonly<Record<string, string>>;
}

/**
 * The N1 loops (N1, N2, N3, N4) and PER. The first N1 of an entity code (N101: ST ship-to, BT bill-to,
 * BY buyer, Z7 mark-for) is the party; N2/N3/N4 belong to the N1 right before them, and any other
 * segment ends the loop. The contact is the first PER, replaced by any later PER for the buyer (BD)
 * or order contact (OC).
 */
export function partiesReader(): SegmentGroupReader & { finish(defaultCountry: string): Parties } {
  const parties = new Map<string, { n1: X12Seg; n2: X12Seg[]; n3: X12Seg[]; n4: X12Seg | null }>();
  let current: { n1: X12Seg; n2: X12Seg[]; n3: X12Seg[]; n4: X12Seg | null } | null = null;
  let contact: Contact = { name: null, phone: null, email: null };
  return {
    read(seg) {
      if (seg.tag !== 'N2' && seg.tag !== 'N3' && seg.tag !== 'N4' && seg.tag !== 'PER') current = seg.tag === 'N1' ? current : null;
      switch (seg.tag) {
        case 'PER':
          if (seg.el(1) === 'BD' || seg.el(1) === 'OC' || contact.name === null) contact = contactOf(seg);
          break;
        case 'N1': {
          const role = requiredElement(seg, 1, '98', 'entity identifier');
          current = { n1: seg, n2: [], n3: [], n4: null };
          if (!parties.has(role)) parties.set(role, current);
          break;
        }
        case 'N2':
          current?.n2.push(seg);
          break;
        case 'N3':
          current?.n3.push(seg);
          break;
        case 'N4':
          if (current) current.n4 = seg;
          break;
        default:
          break;
      }
    },
    finish(defaultCountry) {
      const shipToParty = parties.get('ST') ?? rejectSegment(null, AdapterRejectionCode.SegmentMissing, null, null, {}, 'N1*ST ship-to party is missing', 'N1');
      const shipTo = partyAddress(shipToParty, defaultCountry);
      const billToParty = parties.get('BT');
      const buyer = parties.get('BY');
      const markFor = parties.get('Z7');
      const attributes: Record<string, string> = {};
      if (buyer?.n1.el(4)) attributes['N1:BY'] = `${buyer.n1.el(3)}:${buyer.n1.el(4)}`;
      if (markFor?.n1.el(4)) attributes['N1:Z7'] = markFor.n1.el(4);
      return {
        shipTo,
        billTo: billToParty ? partyAddress(billToParty, defaultCountry) : null,
        buyer: { companyName: buyer?.n1.el(2) || null, accountRef: buyer?.n1.el(4) || null },
        contact,
        attributes,
      };
    },
  };
}

/** PER: PER02 name, and the TE (telephone) and EM (email) of the PER03-08 qualifier/number pairs. */
export function contactOf(per: X12Seg): Contact {
  const pairs = new Map<string, string>([
    [per.el(3), per.el(4)],
    [per.el(5), per.el(6)],
    [per.el(7), per.el(8)],
  ]);
  return { name: per.el(2) || null, phone: pairs.get('TE') ?? null, email: pairs.get('EM') ?? null };
}

/**
 * A party's address: N102 company, N201 name, N301/N302 lines, N4 city/state/postal code/country
 * (`defaultCountry` when N404 is empty), and the N104 store or DC code as locationCode when N103 is
 * 92 (assigned by buyer) or UL (GLN).
 */
export function partyAddress(party: PartyLoop, defaultCountry: string): PostalAddress {
  const n4 = party.n4;
  const country = n4?.el(4) || defaultCountry;
  if (!/^[A-Z]{2}$/.test(country))
    rejectSegment(n4, AdapterRejectionCode.FieldInvalid, 4, '26', { ak4: Ak4Code.InvalidCode }, `N404 '${country}' is not an ISO country code`);
  const region = n4?.el(2) || null;
  return {
    name: party.n2[0]?.el(1) || null,
    company: party.n1.el(2) || null,
    lines: party.n3.flatMap((s) => [s.el(1), s.el(2)]).filter((l) => l !== ''),
    city: n4?.el(1) || null,
    region: region && /^[A-Z0-9]{1,3}$/.test(region) ? `${country}-${region}` : region,
    postalCode: n4?.el(3) || null,
    countryCode: country,
    phone: null,
    locationCode: party.n1.el(3) === '92' || party.n1.el(3) === 'UL' ? party.n1.el(4) || null : null,
  };
}
