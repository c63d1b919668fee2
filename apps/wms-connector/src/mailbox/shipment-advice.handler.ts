import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { acceptedValues, acknowledgeSets, read945 } from '@crossdock/connectors/domain';
import { writeAtomically } from '@crossdock/edi/mailbox';
import { readInterchange } from '@crossdock/edi/x12';
import { OutboxRelay } from '@crossdock/outbox';
import type { ThirdPartyMailbox } from '../config/wms-connector-config.schema';
import { EdiControlCounter } from './edi-control.counter';
import { mailboxMetrics } from './mailbox.metrics';
import { ShipmentAdviceRepository } from './shipment-advice.repository';
import { partnerOf } from './third-party.mailboxes';

/** A transaction set of a 945 the 997 rejected, and why (for the file's reason note). */
export interface RefusedAdvice {
  readonly controlNumber: string;
  /** W0602, the order, when it could be read. */
  readonly reference: string | null;
  readonly code: string;
  readonly field: string;
  readonly message: string;
}

export type AdviceVerdict =
  | { readonly kind: 'UNREADABLE'; readonly problem: { readonly code: 'NOT_X12' | 'ENVELOPE_INVALID' | 'UNSUPPORTED'; readonly message: string } }
  | {
      readonly kind: 'READ';
      /** PROCESSED: every set accepted; PARTIALLY_REJECTED: some; REJECTED: none (the file goes to rejected/). */
      readonly disposition: 'PROCESSED' | 'PARTIALLY_REJECTED' | 'REJECTED';
      /** Shipments published from this file (0 for a file received before). */
      readonly published: number;
      /** The same sender and ISA13 was received before: nothing new is published, its 997 is written again. */
      readonly duplicate: boolean;
      readonly refused: readonly RefusedAdvice[];
      /** The 997 written back, by file name. */
      readonly acknowledgedAs: string | null;
    };

/**
 * A 945 from a 3PL: each accepted transaction set is a WarehouseShipment published once (through
 * the outbox, deduplicated by interchange and by fact key), and a 997 accepting the good sets and
 * rejecting the others (AK3/AK4 saying where) goes back into the 3PL's outbound folder. A file
 * received before gets the 997 it got then, byte for byte.
 */
@Injectable()
export class ShipmentAdviceHandler {
  constructor(
    private readonly advices: ShipmentAdviceRepository,
    private readonly counter: EdiControlCounter,
    private readonly relay: OutboxRelay,
  ) {}

  async handle(mailbox: ThirdPartyMailbox, file: { file: string; content: string; sha256: string }, receivedAt: number): Promise<AdviceVerdict> {
    const read = read945(file.content, { sourceSystem: mailbox.sourceSystem, locationId: mailbox.locationId, observedAt: receivedAt });
    if (read.kind === 'UNREADABLE') return { kind: 'UNREADABLE', problem: read.problem };
    const shipments = acceptedValues(read);
    const refused = read.groups.flatMap((g) =>
      g.sets.flatMap((s) => (s.kind === 'REFUSED' ? [{ controlNumber: s.controlNumber, reference: s.reference, ...s.problem }] : [])),
    );
    const prior = await this.advices.received(mailbox.locationId, read.sender, read.interchangeControlNumber);
    let acknowledgement = prior?.acknowledgement ?? null;
    let published = 0;
    if (!prior) {
      const controlNumber = await this.counter.next(mailbox.locationId);
      acknowledgement = acknowledgeSets(read, { controlNumber, createdAt: receivedAt, ourApplicationId: partnerOf(mailbox).ourApplicationId });
      published = await this.advices.record(
        {
          locationId: mailbox.locationId,
          sender: read.sender,
          interchangeControl: read.interchangeControlNumber,
          fileName: file.file,
          sha256: file.sha256,
          acknowledgement,
        },
        shipments,
      );
      if (published > 0) this.relay.wake();
      // Another instance recorded the same interchange first: answer with its 997, not a second one.
      const recorded = await this.advices.received(mailbox.locationId, read.sender, read.interchangeControlNumber);
      acknowledgement = recorded?.acknowledgement ?? acknowledgement;
    }
    const acknowledgedAs = acknowledgement ? await this.writeAcknowledgement(mailbox, acknowledgement) : null;
    const disposition = refused.length === 0 ? 'PROCESSED' : shipments.length === 0 ? 'REJECTED' : 'PARTIALLY_REJECTED';
    mailboxMetrics.shipments.inc({ location: mailbox.locationId }, published);
    return { kind: 'READ', disposition, published, duplicate: prior !== null, refused, acknowledgedAs };
  }

  /** Into the folder the 3PL collects from, named by the 997's own ISA13 (the same name when written again). */
  private async writeAcknowledgement(mailbox: ThirdPartyMailbox, acknowledgement: string): Promise<string> {
    const read = readInterchange(acknowledgement);
    const control = 'interchange' in read ? read.interchange.controlNumber : 'unknown';
    const name = `997-${control}.x12`;
    await writeAtomically(join(mailbox.outboundDir, name), acknowledgement);
    return name;
  }
}
