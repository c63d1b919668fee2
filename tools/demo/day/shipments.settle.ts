import type { CarrierSimulator, SimulatedThirdParty, WmsFeedSimulator } from '@crossdock/connectors/simulators';
import type { SimulatedErp } from '@crossdock/erp/simulator';
import { decideMilestoneStep, HistoryOutcome, type MilestonePosition } from '@crossdock/shipment-events/domain';
import type { Milestone } from '@crossdock/contracts';
import type { FactsRecorder } from './facts.recorder';
import { accountForInputs, summarizeShipments, type ShipmentSummary, type StoredFact } from './shipment-summary';

/** The systems whose books the shipping half of the day is checked against. */
export interface ShippingWorld {
  readonly recorder: FactsRecorder;
  readonly shipmentEventsUrl: string;
  readonly wms: WmsFeedSimulator;
  readonly carrier: CarrierSimulator;
  readonly thirdParty: SimulatedThirdParty | null;
  readonly erp: SimulatedErp;
  readonly since: number;
  /** Messages written to the topics the services read and not yet handled by them; null when unknown. */
  /** Each service's consumer group and its lag; null when Kafka could not say. */
  readonly servicesLag: () => Promise<Map<string, number> | null>;
}

const TERMINAL_REQUEST = new Set(['SHIPPED', 'PARTIALLY_SHIPPED', 'CANCELLED']);

/** Every fact shipment-events received since `since` (GET /facts, paged). */
export async function storedFacts(shipmentEventsUrl: string, since: number): Promise<StoredFact[]> {
  const facts: StoredFact[] = [];
  let after: string | null = null;
  do {
    const query = new URLSearchParams({ receivedSince: new Date(since).toISOString(), limit: '1000', ...(after ? { after } : {}) });
    const response = await fetch(`${shipmentEventsUrl}/facts?${query.toString()}`);
    if (!response.ok) throw new Error(`GET /facts answered ${response.status}`);
    const page = (await response.json()) as { facts: StoredFact[]; next: string | null };
    facts.push(...page.facts);
    after = page.next;
  } while (after !== null);
  return facts;
}

/**
 * What is still moving: warehouse requests not yet shipped, carrier journeys under way, delivered
 * facts shipment-events has no record of, shipped packages without a goods issue, goods issues
 * whose invoice has not come back through erp-connector, messages the services have not handled
 * yet (availability consuming the last shipments). Empty when the shipping day is over.
 */
export async function shippingInFlight(world: ShippingWorld): Promise<string[]> {
  const waiting: string[] = [];
  // A request picked short to nothing has nothing left to pack: the WMS is done with it.
  const open = world.wms.wms.fulfilment
    .all()
    .filter((request) => !TERMINAL_REQUEST.has(request.status) && !(request.status === 'PICKED' && request.lines.every((l) => l.qtyPicked === l.qtyShipped)));
  if (open.length > 0) waiting.push(`${open.length} warehouse requests not shipped`);
  const thirdPartyOpen = [...(world.thirdParty?.books.orders.values() ?? [])].filter((order) => !TERMINAL_REQUEST.has(order.status));
  if (thirdPartyOpen.length > 0) waiting.push(`${thirdPartyOpen.length} 3PL orders not shipped`);
  const carrierBusy = await Promise.race([world.carrier.settled().then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 200))]);
  if (carrierBusy) waiting.push('carrier journeys under way');
  const unaccounted = accountForInputs(world.recorder.shipmentInputs, await storedFacts(world.shipmentEventsUrl, world.since)).filter(
    (i) => i.disposition === null,
  );
  if (unaccounted.length > 0) waiting.push(`${unaccounted.length} facts not yet stored`);
  const shipped = new Set(world.recorder.milestones.filter((m) => m.milestone === 'SHIPPED').map((m) => m.packageReference));
  const unconfirmed = [...shipped].filter((reference) => world.erp.goodsIssueFor(reference) === undefined);
  if (unconfirmed.length > 0) waiting.push(`${unconfirmed.length} packages without a goods issue`);
  const invoiced = new Set([...world.recorder.invoices.values()].flat());
  const uninvoiced = world.erp.goodsIssues().filter((issue) => shipped.has(issue.packageReference) && !invoiced.has(issue.packageReference));
  if (uninvoiced.length > 0) waiting.push(`${uninvoiced.length} invoices not yet on Kafka`);
  const lag = await world.servicesLag();
  const behind = lag === null ? [] : [...lag].filter(([, messages]) => messages > 0).sort((a, b) => b[1] - a[1]);
  const total = behind.reduce((sum, [, messages]) => sum + messages, 0);
  if (lag === null) waiting.push("the services' consumer lag unknown");
  else if (total > 0)
    waiting.push(
      `${total} messages not yet handled by the services (${behind.map(([group, messages]) => `${group.slice(group.lastIndexOf('.') + 1)} ${messages}`).join(', ')})`,
    );
  return waiting;
}

/** The shipping half of the day from the topics, shipment-events' fact store and the ERP's books. */
export async function summarizeShipping(world: ShippingWorld): Promise<ShipmentSummary> {
  const { recorder } = world;
  return summarizeShipments(
    {
      reserved: recorder.reserved,
      milestones: recorder.milestones,
      channelUpdates: recorder.channelUpdates,
      fulfilment: recorder.fulfilment,
      consumptions: recorder.consumptions,
      inputs: accountForInputs(recorder.shipmentInputs, await storedFacts(world.shipmentEventsUrl, world.since)),
      erp: {
        goodsIssues: world.erp.goodsIssues().map((issue) => ({
          packageReference: issue.packageReference,
          documentNumber: issue.goodsIssueNumber,
          duplicateSubmissions: issue.duplicateSubmissions,
        })),
        invoices: [...recorder.invoices].flatMap(([invoiceNumber, references]) => references.map((packageReference) => ({ invoiceNumber, packageReference }))),
      },
    },
    wouldRegress,
  );
}

/** Replays what was published for a package through the milestone rule: is `next` one it refuses? */
function wouldRegress(published: readonly string[], next: string): boolean {
  let position: MilestonePosition = { milestone: null, progressRank: 0 };
  for (const milestone of published) position = decideMilestoneStep(position, milestone as Milestone).position;
  return decideMilestoneStep(position, next as Milestone).outcome === HistoryOutcome.MilestoneRegression;
}
