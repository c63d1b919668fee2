import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import {
  acknowledgeSets,
  ItemStatus,
  read940,
  write945,
  type AdviceLineToWrite,
  type ShippingOrder,
  type ShipmentAdviceToWrite,
  type ThirdPartyPartner,
  type X12SetsRead,
} from '@crossdock/connectors/domain';
import { dropFolderLayout, ensureFolders, fileAway, mailboxRound, readClaimed, writeAtomically, type DropFolders } from '@crossdock/edi/mailbox';
import { Ak3Code, Ak4Code, Ak5Code, readFunctionalAcknowledgement, readInterchange, type TransactionSetAck } from '@crossdock/edi/x12';
import { SeededRandom } from '../core/seeded-random';
import { carrierFamily, sscc18, trackingNumber } from '../wms/parcel-labels.generator';
import { ThirdPartyBooks, type ThirdPartyAdviceSent, type ThirdPartyCancel, type ThirdPartyOrder } from './third-party.books';

/** The simulated Dallas 3PL as the hub addresses it (test ids, ISA15 T): tests and the demo use it on both sides. */
export const SIMULATED_DALLAS_PARTNER: ThirdPartyPartner = {
  ourInterchangeId: 'ZZ:CROSSDOCKDIST',
  partnerInterchangeId: 'ZZ:DALLAS3PL',
  ourApplicationId: 'CROSSDOCKDIST',
  partnerApplicationId: 'DALLAS3PL',
  usageIndicator: 'T',
  warehouseName: '3PL-DALLAS',
};

export interface SimulatedThirdPartyOptions {
  /** How the hub and this 3PL address each other (the hub's view: the 3PL is the partner). */
  readonly partner: ThirdPartyPartner;
  /** Where the hub drops 940s and 997s for the 3PL (the connector's outboundDir). */
  readonly inboundDir: string;
  /** Where the 3PL drops its 997s and 945s (the connector's inboundDir). */
  readonly outboundDir: string;
  readonly seed?: number;
  /** ISA13 of the 3PL's first interchange. */
  readonly firstControlNumber?: number;
  /** Ship by itself (the demo): each order this long after its 940 was collected, some short-picked or split. */
  readonly autoShip?: AutoShipOptions;
  readonly now?: () => number;
}

export interface AutoShipOptions {
  readonly afterMs: number;
  /** Chance an order has one line short-picked (by at least one unit). Default 0. */
  readonly shortPickChance?: number;
  /** Chance an order with more than one line ships in two cartons. Default 0. */
  readonly splitChance?: number;
}

export interface ShipOptions {
  /** Units picked per line id, when fewer than released (a short-pick); the rest ships in full. */
  readonly picked?: Readonly<Record<string, number>>;
  /** Cartons to spread the lines over (default 1). */
  readonly cartons?: number;
  /** The 3PL's shipment id (default DAL-SHP-<n>). */
  readonly shipmentId?: string;
  readonly shippedAt?: number;
}

/**
 * A 3PL that speaks X12 over two folders, as a real one does over SFTP: it collects the 940s the hub
 * drops in `inboundDir`, answers each file with a 997, keeps the orders, honours a cancel (W0501 F)
 * until the order is picked and refuses it after (AK5 R on its W05), and, when told to pick and ship,
 * writes a 945 for what was released and picked, never more. Every step goes into its books.
 * `outage` takes its inbound share away, so the hub's 940s cannot be delivered until it returns.
 */
export class SimulatedThirdParty {
  readonly books = new ThirdPartyBooks();
  private readonly folders: DropFolders;
  private readonly random: SeededRandom;
  private control: number;
  private shipments = 0;
  private down = false;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: SimulatedThirdPartyOptions) {
    this.folders = dropFolderLayout(options.inboundDir, options.outboundDir);
    this.random = new SeededRandom(options.seed ?? 945);
    this.control = (options.firstControlNumber ?? 1) - 1;
  }

  async prepare(): Promise<void> {
    await ensureFolders(this.folders);
  }

  /**
   * Reads what the hub dropped since the last round, then (with `autoShip`) ships the orders whose
   * time has come; how many files it handled. Nothing while down.
   */
  async poll(): Promise<number> {
    if (this.down) return 0;
    await this.prepare();
    const handled = await mailboxRound(this.folders, (workPath) => this.receive(workPath));
    if (this.options.autoShip) await this.shipDue(this.options.autoShip);
    return handled;
  }

  /** Polls every `everyMs` (one round at a time) until `stop()`: the 3PL's own scheduler. */
  start(everyMs = 250): void {
    if (this.timer) return;
    const tick = (): void => {
      this.polling = this.poll()
        .catch(() => 0)
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, everyMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.polling;
  }

  /** Picks an order: every released unit, or fewer where `picked` says so (a short-pick). */
  pick(depositorOrder: string, picked: Readonly<Record<string, number>> = {}): ThirdPartyOrder {
    const order = this.openOrder(depositorOrder);
    if (order.status !== 'RECEIVED') throw new Error(`order ${depositorOrder} is ${order.status}, not RECEIVED`);
    for (const line of order.lines) line.picked = Math.max(0, Math.min(line.ordered, picked[line.lineId] ?? line.ordered));
    order.status = 'PICKED';
    return order;
  }

  /** Ships an order (picking it first if need be) and writes its 945 into the outbound folder. */
  async ship(depositorOrder: string, options: ShipOptions = {}): Promise<ThirdPartyAdviceSent> {
    const order = this.openOrder(depositorOrder);
    if (order.status === 'RECEIVED') this.pick(depositorOrder, options.picked);
    if (order.status !== 'PICKED') throw new Error(`order ${depositorOrder} is ${order.status}, not PICKED`);
    const advice = this.adviceOf(order, options);
    const interchangeControl = this.nextControl();
    const content = write945([advice], this.options.partner, { interchangeControlNumber: interchangeControl, createdAt: advice.shippedAt });
    const file = `945-${String(interchangeControl).padStart(9, '0')}.x12`;
    await writeAtomically(join(this.options.outboundDir, file), content);
    order.status = 'SHIPPED';
    order.shipmentId = advice.shipmentId;
    const sent: ThirdPartyAdviceSent = {
      file,
      interchangeControl,
      content,
      depositorOrder,
      shipmentId: advice.shipmentId,
      shipped: Object.fromEntries(order.lines.map((l) => [l.lineId, l.picked])),
      trackingNumbers: advice.cartons.flatMap((c) => (c.trackingNumber ? [c.trackingNumber] : [])),
    };
    this.books.advicesSent.push(sent);
    return sent;
  }

  /** Writes a file into the outbound folder as the 3PL's tooling would (a test's bad or re-dropped file). */
  async drop(name: string, content: string): Promise<void> {
    await writeAtomically(join(this.options.outboundDir, name), content);
  }

  readonly outage = {
    /** The inbound share goes away: the hub cannot drop files until `end()`. */
    start: async (): Promise<void> => {
      if (this.down) return;
      this.down = true;
      await rename(this.options.inboundDir, `${this.options.inboundDir}.offline`);
      // A plain file where the folder was: creating the folder or a file in it fails.
      await writeFile(this.options.inboundDir, 'share offline\n');
    },
    end: async (): Promise<void> => {
      if (!this.down) return;
      await rm(this.options.inboundDir, { force: true });
      await rename(`${this.options.inboundDir}.offline`, this.options.inboundDir);
      this.down = false;
    },
  };

  private async shipDue(auto: AutoShipOptions): Promise<void> {
    const now = this.now();
    for (const order of this.books.orders.values()) {
      if (order.status !== 'RECEIVED' || now - order.receivedAt < auto.afterMs) continue;
      const short = this.random.chance(auto.shortPickChance ?? 0) ? this.random.pick(order.lines) : null;
      const picked = short ? { [short.lineId]: this.random.int(0, short.ordered - 1) } : {};
      const cartons = order.lines.length > 1 && this.random.chance(auto.splitChance ?? 0) ? 2 : 1;
      await this.ship(order.depositorOrder, { picked, cartons });
    }
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private async receive(workPath: string): Promise<void> {
    const { content } = await readClaimed(workPath);
    const read = readInterchange(content);
    const functionalId = 'interchange' in read ? (read.interchange.groups[0]?.gs.el(1) ?? '') : '';
    if (functionalId === 'FA') return this.acknowledgementReceived(workPath, content);
    const orders = read940(content);
    if (orders.kind === 'UNREADABLE' || functionalId !== 'OW') {
      this.books.unreadable.push({ file: basename(workPath), problem: orders.kind === 'UNREADABLE' ? orders.problem.message : `GS01 ${functionalId}` });
      return fileAway(workPath, join(this.folders.rejected, basename(workPath)));
    }
    await this.acknowledge(this.take(orders));
    return fileAway(workPath, join(this.folders.processed, basename(workPath)));
  }

  /** Acts on every accepted 940 set; a refused cancel turns its set's AK5 into R. */
  private take(read: Extract<X12SetsRead<ShippingOrder>, { kind: 'READ' }>): Extract<X12SetsRead<ShippingOrder>, { kind: 'READ' }> {
    const groups = read.groups.map((group) => {
      const refusedSets = new Set<string>();
      for (const set of group.sets) {
        if (set.kind !== 'ACCEPTED') continue;
        if (set.value.status === 'N') this.received(set.value);
        else if (!this.cancel(set.value).honoured) refusedSets.add(set.controlNumber);
      }
      const transactionSets = group.acknowledgement.transactionSets.map((ack): TransactionSetAck =>
        refusedSets.has(ack.controlNumber) ? refusedCancel(ack) : ack,
      );
      return { ...group, acknowledgement: { ...group.acknowledgement, transactionSets } };
    });
    return { ...read, groups };
  }

  private received(order: ShippingOrder): void {
    this.books.releasesReceived += 1;
    // The depositor order number is unique at the 3PL: a 940 sent again is the same order.
    if (this.books.orders.has(order.depositorOrder)) return;
    this.books.orders.set(order.depositorOrder, {
      depositorOrder: order.depositorOrder,
      purchaseOrder: order.purchaseOrder,
      releaseId: order.releaseId,
      carrierCode: order.carrierCode,
      serviceCode: order.serviceCode,
      lines: order.lines.map((l) => ({ lineId: l.lineId, sku: l.sku, unitOfMeasure: l.unitOfMeasure, ordered: l.quantity, picked: 0 })),
      status: 'RECEIVED',
      receivedAt: this.now(),
      shipmentId: null,
    });
  }

  private cancel(order: ShippingOrder): ThirdPartyCancel {
    const known = this.books.orders.get(order.depositorOrder);
    const refusedBecause = known?.status === 'PICKED' ? 'ALREADY_PICKED' : known?.status === 'SHIPPED' ? 'ALREADY_SHIPPED' : null;
    if (known && refusedBecause === null) known.status = 'CANCELLED';
    const cancel: ThirdPartyCancel = { depositorOrder: order.depositorOrder, honoured: refusedBecause === null, refusedBecause };
    this.books.cancels.push(cancel);
    return cancel;
  }

  private async acknowledge(read: Extract<X12SetsRead<ShippingOrder>, { kind: 'READ' }>): Promise<void> {
    const interchangeControl = this.nextControl();
    const content = acknowledgeSets(read, {
      controlNumber: interchangeControl,
      createdAt: this.now(),
      ourApplicationId: this.options.partner.partnerApplicationId,
    });
    const file = `997-${String(interchangeControl).padStart(9, '0')}.x12`;
    await writeAtomically(join(this.options.outboundDir, file), content);
    this.books.acknowledgementsSent.push({ file, interchangeControl, content });
  }

  private async acknowledgementReceived(workPath: string, content: string): Promise<void> {
    const read = readFunctionalAcknowledgement(content);
    const file = basename(workPath);
    if ('problem' in read) {
      this.books.unreadable.push({ file, problem: read.problem.message });
      return fileAway(workPath, join(this.folders.rejected, file));
    }
    for (const group of read.acknowledgement.groups) {
      this.books.acknowledgementsReceived.push({ file, groupControlNumber: group.groupControlNumber, status: group.status, acceptedSets: group.acceptedCount });
    }
    return fileAway(workPath, join(this.folders.processed, file));
  }

  private adviceOf(order: ThirdPartyOrder, options: ShipOptions): ShipmentAdviceToWrite {
    const cartonCount = Math.max(1, options.cartons ?? 1);
    const lineOf = (line: ThirdPartyOrder['lines'][number], shipped: number): AdviceLineToWrite => ({
      lineId: line.lineId,
      sku: line.sku,
      ordered: line.ordered,
      shipped,
      unitOfMeasure: line.unitOfMeasure,
      status: line.picked === line.ordered ? ItemStatus.Complete : ItemStatus.PartialNoBackorder,
      weightLb: null,
    });
    const packed = order.lines.filter((l) => l.picked > 0);
    const family = carrierFamily(order.carrierCode ?? 'UPSN');
    const cartons = Array.from({ length: Math.min(cartonCount, Math.max(1, packed.length)) }, () => ({
      sscc: sscc18(this.random.int(1, 999_999_999)),
      trackingNumber: trackingNumber(family, this.random),
      lines: [] as AdviceLineToWrite[],
    }));
    packed.forEach((line, i) => cartons[i % cartons.length]?.lines.push(lineOf(line, line.picked)));
    this.shipments += 1;
    return {
      depositorOrder: order.depositorOrder,
      shipmentId: options.shipmentId ?? `DAL-SHP-${String(this.shipments).padStart(5, '0')}`,
      purchaseOrder: order.purchaseOrder,
      releaseId: order.releaseId,
      shippedAt: options.shippedAt ?? this.now(),
      carrier: { scac: order.carrierCode ?? 'UPSN', service: order.serviceCode ?? 'GROUND' },
      cartons: packed.length === 0 ? [] : cartons,
      unshipped: order.lines.filter((l) => l.picked === 0).map((l) => lineOf(l, 0)),
    };
  }

  private openOrder(depositorOrder: string): ThirdPartyOrder {
    const order = this.books.orders.get(depositorOrder);
    if (!order) throw new Error(`no 940 received for order ${depositorOrder}`);
    return order;
  }

  private nextControl(): number {
    this.control = this.control >= 999_999_999 ? 1 : this.control + 1;
    return this.control;
  }
}

/** The 997 answer to a cancel the 3PL will not honour: AK5 R, the W05's status element noted as refused. */
function refusedCancel(ack: TransactionSetAck): TransactionSetAck {
  return {
    ...ack,
    accepted: false,
    errorCodes: [Ak5Code.SegmentsInError],
    segmentErrors: [
      { segmentId: 'W05', position: 2, code: Ak3Code.DataElementErrors, element: { position: 1, reference: '473', code: Ak4Code.InvalidCode, badValue: 'F' } },
    ],
  };
}

/** Creates the 3PL's folders. */
export async function startSimulatedThirdParty(options: SimulatedThirdPartyOptions): Promise<SimulatedThirdParty> {
  const party = new SimulatedThirdParty(options);
  await mkdir(options.outboundDir, { recursive: true });
  await party.prepare();
  return party;
}
