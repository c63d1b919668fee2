import { Injectable } from '@nestjs/common';
import { OutboxRelay } from '@crossdock/outbox';
import { FACT_EXCEPTION_REASONS, ReplayOutcome, replayDecision, replayOutcomeOf, reuseAcceptanceApplies } from '@crossdock/shipment-events/domain';
import { shipmentEventsMetrics } from '../metrics/shipment-events.metrics';
import { PrismaService } from '../prisma/prisma.service';
import { FactApplier } from '../shipments/fact-applier.service';
import type { AfterCommit } from '../shipments/shipment-output.writer';
import type { Tx } from '../shipments/shipment-book.store';
import type { ReplayResponseDto, ReplayResultDto } from './exceptions.dto';
import type { ReplayRequest } from './exception-query.schema';
import { exceptionWhere, OLDEST_FIRST } from './exceptions.service';

/**
 * Runs parked facts through today's rules again once their cause is fixed (the order arrived, the
 * package shipped, the carrier was mapped, the operator accepted a re-issued tracking number).
 * Each exception in its own transaction with its row locked: a fact applies at most once however
 * often or concurrently it is replayed (a resolved exception is ALREADY_RESOLVED), and applying it
 * writes its events through the outbox as if it had just arrived. A fact that still fails stays an
 * exception with the reason it has now. Every replay of an existing exception is audited in
 * ExceptionReplay: who, when, the reason before, the outcome, the reason after.
 */
@Injectable()
export class ExceptionReplayService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly applier: FactApplier,
    private readonly relay: OutboxRelay,
  ) {}

  async replay(request: ReplayRequest, now = Date.now()): Promise<ReplayResponseDto> {
    const ids = request.ids ? [...new Set(request.ids)] : await this.selected(request, now);
    const results: ReplayResultDto[] = [];
    for (const id of ids) {
      const [result, after] = await this.prisma.$transaction((tx) => this.replayOne(tx, id, request, now));
      for (const done of after) done();
      results.push(result);
    }
    this.relay.wake();
    return { requestedBy: request.requestedBy, results };
  }

  /** Without ids: the open exceptions of parked facts the filter matches, oldest first. */
  private async selected(request: ReplayRequest, now: number): Promise<string[]> {
    const rows = await this.prisma.shipmentException.findMany({
      where: { status: 'OPEN', factId: { not: null }, reason: { in: [...FACT_EXCEPTION_REASONS] }, ...exceptionWhere(request.filter ?? {}, now) },
      orderBy: OLDEST_FIRST,
      take: request.limit,
      select: { id: true },
    });
    return rows.map((r) => r.id.toString());
  }

  private async replayOne(tx: Tx, id: string, request: ReplayRequest, now: number): Promise<[ReplayResultDto, AfterCommit[]]> {
    // The exception's row lock serialises replays of it: the second one finds it resolved.
    await tx.$queryRaw`SELECT 1 FROM "ShipmentException" WHERE "id" = ${BigInt(id)} FOR UPDATE`;
    const exception = await tx.shipmentException.findFirst({ where: { id: BigInt(id), ...(request.filter ? exceptionWhere(request.filter, now) : {}) } });
    if (!exception) return [{ id, outcome: 'NOT_FOUND', reasonBefore: null, reasonAfter: null, detail: null }, []];
    const decision = replayDecision(exception);
    let result: ReplayResultDto;
    const after: AfterCommit[] = [];
    if (decision !== 'REPLAY' || exception.factId === null) {
      const detail =
        decision === ReplayOutcome.AlreadyResolved
          ? `resolved ${exception.resolvedAt?.toISOString() ?? ''} (${exception.resolution ?? ''})`
          : 'no parked fact to run again';
      result = {
        id,
        outcome: decision === 'REPLAY' ? ReplayOutcome.NotReplayable : decision,
        reasonBefore: exception.reason,
        reasonAfter: exception.reason,
        detail,
      };
    } else {
      await tx.$queryRaw`SELECT 1 FROM "ShipmentFact" WHERE "factId" = ${exception.factId} FOR UPDATE`;
      const fact = await tx.shipmentFact.findUniqueOrThrow({ where: { factId: exception.factId } });
      const acceptTrackingReuse = request.acceptTrackingReuse && reuseAcceptanceApplies(exception.reason);
      // EXPIRE: the operator says the cause is fixed, so a fact that would wait again fails now instead.
      const applied = await this.applier.apply(tx, fact, 'EXPIRE', now, { acceptTrackingReuse });
      after.push(...applied.after);
      const outcome = replayOutcomeOf(applied.outcome);
      result = {
        id,
        outcome,
        reasonBefore: exception.reason,
        reasonAfter: outcome === ReplayOutcome.Applied ? null : applied.reason,
        detail:
          outcome === ReplayOutcome.Applied
            ? acceptTrackingReuse
              ? 'applied; tracking number accepted as re-issued to this order'
              : 'applied'
            : applied.detail,
      };
    }
    await tx.exceptionReplay.create({
      data: {
        exceptionId: exception.id,
        actor: request.requestedBy,
        reasonBefore: exception.reason,
        outcome: result.outcome,
        reasonAfter: result.reasonAfter,
        detail: result.detail,
        requestedAt: new Date(now),
      },
    });
    after.push(() => shipmentEventsMetrics.replays.inc({ outcome: result.outcome }));
    return [result, after];
  }
}
