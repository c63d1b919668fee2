import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@crossdock/config';
import type { TrackingUpdate, WarehouseShipment } from '@crossdock/contracts';
import { PoisonMessageError } from '@crossdock/messaging';
import {
  applyTrackingUpdate,
  applyWarehouseFact,
  CarrierDirectory,
  expiredWait,
  trackedPackage,
  trackingCarrier,
  type FactDecision,
  type PackageState,
  type ShipmentBook,
  type ShipmentExceptionReason,
  type TrackingUse,
  type WaitingReason,
  usesAfterReuseAccepted,
} from '@crossdock/shipment-events/domain';
import type { ShipmentEventsConfig } from '../config/shipment-events-config.schema';
import type { ShipmentFact } from '../generated/prisma/client';
import { shipmentEventsMetrics } from '../metrics/shipment-events.metrics';
import { loadBook, lockOrder, saveBook, type Tx } from './shipment-book.store';
import { raiseException } from './shipment-exception.store';
import { ShipmentOutputWriter, type AfterCommit } from './shipment-output.writer';

/**
 * What a fact that still waits becomes: WAIT keeps it waiting (intake), EXPIRE_IF_DUE turns it into
 * an exception once past the grace period (the sweep), EXPIRE at once (a replay: the operator said
 * the cause was fixed, and it was not).
 */
export type WaitingMode = 'WAIT' | 'EXPIRE_IF_DUE' | 'EXPIRE';

/** How a replay runs a fact: the operator may accept a reused tracking number (TRACKING_NUMBER_REUSED) as re-issued to this order. */
export interface ApplyOptions {
  readonly acceptTrackingReuse?: boolean;
}

export interface FactResult {
  readonly outcome: 'APPLIED' | 'WAITING' | 'EXCEPTION';
  readonly reason: string | null;
  readonly detail: string | null;
  readonly after: AfterCommit[];
}

/**
 * Runs one stored fact through the rules in the caller's transaction (the fact row is the caller's:
 * just inserted, or locked) and records what became of it: applied with its events, waiting with
 * its reason, or parked as an exception. An applied warehouse fact that gave packages their tracking
 * numbers applies the tracking updates that waited for them; the order's acceptance applies the facts
 * that waited for it (applyWaitingForOrder).
 */
@Injectable()
export class FactApplier {
  constructor(
    private readonly carriers: CarrierDirectory,
    private readonly writer: ShipmentOutputWriter,
    @Inject(APP_CONFIG) private readonly config: ShipmentEventsConfig,
  ) {}

  async apply(tx: Tx, fact: ShipmentFact, mode: WaitingMode, now = Date.now(), options: ApplyOptions = {}): Promise<FactResult> {
    const { decision, book } =
      fact.kind === 'TRACKING' ? await this.decideTracking(tx, fact) : await this.decideWarehouse(tx, fact, options.acceptTrackingReuse === true);
    const orderFields = book ? { orderId: book.order.orderId } : {};
    switch (decision.kind) {
      case 'UNREADABLE':
        throw new PoisonMessageError('UNREADABLE_FACT', decision.detail);
      case 'APPLIED': {
        await saveBook(tx, decision.book, decision.effects.touchedPackages, book);
        const after = await this.writer.writeFactEffects(tx, decision.book, decision.effects, fact.factId, { now, newEventId: randomUUID });
        await tx.shipmentFact.update({
          where: { factId: fact.factId },
          data: { ...orderFields, status: 'APPLIED', reason: null, detail: null, decidedAt: new Date(now) },
        });
        // A fact only has an exception once it was parked; one just received has none to resolve.
        if (fact.status !== 'RECEIVED') {
          await tx.shipmentException.updateMany({
            where: { factId: fact.factId, status: 'OPEN' },
            data: { status: 'RESOLVED', resolvedAt: new Date(now), resolution: 'APPLIED' },
          });
        }
        for (const p of newlyTracked(book, decision.book, decision.effects.touchedPackages)) {
          after.push(...(await this.applyWaitingForTracking(tx, p.carrierCode ?? '', p.trackingNumber ?? '', now)));
        }
        after.push(() => shipmentEventsMetrics.facts.inc({ kind: fact.kind, outcome: 'APPLIED' }));
        return { outcome: 'APPLIED', reason: null, detail: null, after };
      }
      case 'WAITING': {
        const expired =
          mode === 'WAIT'
            ? null
            : expiredWait(decision.reason, fact.receivedAt.getTime(), now, mode === 'EXPIRE' ? 0 : this.config.SHIPMENT_UNKNOWN_ORDER_GRACE_MS);
        if (expired) return this.park(tx, fact, book, expired, `${decision.detail} after ${Math.round((now - fact.receivedAt.getTime()) / 1000)} s`, now);
        await tx.shipmentFact.update({
          where: { factId: fact.factId },
          data: { status: 'WAITING', reason: decision.reason satisfies WaitingReason, detail: decision.detail },
        });
        return {
          outcome: 'WAITING',
          reason: decision.reason,
          detail: decision.detail,
          after: [() => shipmentEventsMetrics.facts.inc({ kind: fact.kind, outcome: 'WAITING' })],
        };
      }
      case 'EXCEPTION':
        return this.park(tx, fact, book, decision.reason, decision.detail, now);
    }
  }

  /** Applies, in arrival order, the facts that waited for this order's acceptance. Call it under lockOrder. */
  async applyWaitingForOrder(tx: Tx, orderId: string, now = Date.now()): Promise<AfterCommit[]> {
    const ids = await tx.$queryRaw<Array<{ factId: string }>>`
      SELECT "factId" FROM "ShipmentFact" WHERE "orderId" = ${orderId} AND "status" = 'WAITING'
      ORDER BY "receivedAt", "factId" FOR UPDATE SKIP LOCKED`;
    return this.applyAll(tx, ids, now);
  }

  private async applyWaitingForTracking(tx: Tx, carrierCode: string, trackingNumber: string, now: number): Promise<AfterCommit[]> {
    const ids = await tx.$queryRaw<Array<{ factId: string }>>`
      SELECT "factId" FROM "ShipmentFact"
      WHERE "carrierCode" = ${carrierCode} AND "trackingNumber" = ${trackingNumber} AND "kind" = 'TRACKING' AND "status" = 'WAITING'
      ORDER BY "sourceOccurredAt", "factId" FOR UPDATE SKIP LOCKED`;
    return this.applyAll(tx, ids, now);
  }

  private async applyAll(tx: Tx, ids: ReadonlyArray<{ factId: string }>, now: number): Promise<AfterCommit[]> {
    const after: AfterCommit[] = [];
    for (const { factId } of ids) {
      const fact = await tx.shipmentFact.findUniqueOrThrow({ where: { factId } });
      after.push(...(await this.apply(tx, fact, 'WAIT', now)).after);
    }
    return after;
  }

  private async park(tx: Tx, fact: ShipmentFact, book: ShipmentBook | null, reason: ShipmentExceptionReason, detail: string, now: number): Promise<FactResult> {
    await tx.shipmentFact.update({ where: { factId: fact.factId }, data: { status: 'EXCEPTION', reason, detail, decidedAt: new Date(now) } });
    const raised = await raiseException(tx, {
      reason,
      detail,
      subject: fact.factId,
      factId: fact.factId,
      orderId: book?.order.orderId ?? fact.orderId,
      order: book?.order ?? null,
    });
    return { outcome: 'EXCEPTION', reason, detail, after: [raised, () => shipmentEventsMetrics.facts.inc({ kind: fact.kind, outcome: 'EXCEPTION' })] };
  }

  private async decideWarehouse(tx: Tx, fact: ShipmentFact, acceptTrackingReuse: boolean): Promise<{ decision: FactDecision; book: ShipmentBook | null }> {
    const shipment = fact.payload as unknown as WarehouseShipment;
    await lockOrder(tx, shipment.orderId);
    const book = await loadBook(tx, shipment.orderId);
    const numbers = shipment.packages.filter((p) => p.trackingNumber).map((p) => p.trackingNumber ?? '');
    const uses = numbers.length === 0 ? [] : await this.trackingUses(tx, { trackingNumber: { in: numbers } });
    const trackingUses = acceptTrackingReuse ? usesAfterReuseAccepted(uses, shipment.orderId) : uses;
    return { decision: applyWarehouseFact(book, shipment, { carriers: this.carriers, trackingUses }), book };
  }

  private async decideTracking(tx: Tx, fact: ShipmentFact): Promise<{ decision: FactDecision; book: ShipmentBook | null }> {
    const update = fact.payload as unknown as TrackingUpdate;
    const carrier = trackingCarrier(update, this.carriers);
    if (carrier.kind === 'EXCEPTION') return { decision: carrier, book: null };
    const use = trackedPackage(await this.trackingUses(tx, { carrierCode: carrier.carrierCode, trackingNumber: update.trackingCode }));
    if (!use) return { decision: applyTrackingUpdate(null, null, update), book: null };
    await lockOrder(tx, use.orderId);
    const book = await loadBook(tx, use.orderId);
    return { decision: applyTrackingUpdate(book, book ? use.packageReference : null, update), book };
  }

  private async trackingUses(tx: Tx, where: { carrierCode?: string; trackingNumber: string | { in: string[] } }): Promise<TrackingUse[]> {
    const rows = await tx.shipmentPackage.findMany({
      where: { ...where, carrierCode: where.carrierCode ?? { not: null } },
      select: { orderId: true, packageReference: true, carrierCode: true, trackingNumber: true, shippedAt: true, createdAt: true },
    });
    return rows.map((r) => ({
      orderId: r.orderId,
      packageReference: r.packageReference,
      carrierCode: r.carrierCode ?? '',
      trackingNumber: r.trackingNumber ?? '',
      usedAt: (r.shippedAt ?? r.createdAt).getTime(),
    }));
  }
}

/**
 * The packages this change gave a tracking number they did not have: only those can have tracking
 * updates waiting for them (a tracking update that arrives for a known number is applied at once,
 * and one stored while its number was being assigned is caught by the waiting-facts sweep).
 */
function newlyTracked(before: ShipmentBook | null, after: ShipmentBook, touched: readonly string[]): PackageState[] {
  return after.packages.filter((p) => {
    if (!touched.includes(p.packageReference) || !p.carrierCode || !p.trackingNumber) return false;
    const was = before?.packages.find((b) => b.packageReference === p.packageReference);
    return was?.carrierCode !== p.carrierCode || was.trackingNumber !== p.trackingNumber;
  });
}
