import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT_CONTEXT, SpanKind } from '@opentelemetry/api';
import {
  AdapterRejectionCode,
  dropFileVerdict,
  findMapping,
  X12PurchaseOrderAdapter,
  type AdapterRejection,
  type ChannelAccountMapping,
  type DropFileDisposition,
} from '@crossdock/channel-adapters';
import type { ChannelOrder } from '@crossdock/contracts';
import { archivePath, fileAway, readClaimed, writeAtomically, type DropFolders } from '@crossdock/edi/mailbox';
import { readX12Sender } from '@crossdock/edi/x12';
import { withSpan } from '@crossdock/observability';
import type { AckAllocation } from './edi-acknowledgement.repository';

export interface EdiFileResult {
  readonly file: string;
  readonly channelAccountId: string | null;
  readonly disposition: DropFileDisposition;
  readonly publishedOrderIds: readonly string[];
  readonly rejections: readonly AdapterRejection[];
  /** Path of the 997 written, null when the file named no partner we could answer. */
  readonly acknowledgement: string | null;
  readonly archivedAs: string;
}

export interface EdiFileProcessorDeps {
  readonly partners: () => readonly ChannelAccountMapping[];
  readonly acks: { allocate(channelAccountId: string, sha256: string, fileName: string, receivedAt: number): Promise<AckAllocation> };
  readonly publisher: { publish(orders: readonly ChannelOrder[]): Promise<void> };
  readonly folders: DropFolders;
  readonly clock?: () => number;
}

/**
 * One claimed X12 file, start to finish: pick the trading partner from the ISA, adapt, publish the
 * accepted orders (Kafka-acknowledged), write the 997 to the partner's outbox folder, note why
 * anything was refused, and only then move the file out of the work folder. Every step is
 * repeatable: a crash anywhere leaves the file in the work folder, and doing it again yields the
 * same events (same ids), the same 997 (same control number) and the same archive path.
 */
export class EdiFileProcessor {
  private readonly adapter = new X12PurchaseOrderAdapter();
  private readonly clock: () => number;

  constructor(private readonly deps: EdiFileProcessorDeps) {
    this.clock = deps.clock ?? Date.now;
  }

  process(workPath: string): Promise<EdiFileResult> {
    const file = basename(workPath);
    return withSpan(
      'edi file receive',
      { kind: SpanKind.CONSUMER, parent: ROOT_CONTEXT, attributes: { 'crossdock.channel': 'EDI', 'file.name': file } },
      async (span) => {
        const { content, sha256 } = await readClaimed(workPath);
        span.setAttribute('file.sha256', sha256);
        const sender = readX12Sender(content);
        const mapping = sender === null ? null : findMapping(this.deps.partners(), 'EDI', sender);
        if (!mapping) return this.refuseUnaddressable(workPath, file, sha256, unaddressable(content, sender));
        span.setAttribute('crossdock.channel_account_id', mapping.channelAccountId);

        const account = mapping.channelAccountId;
        const ack = await this.deps.acks.allocate(account, sha256, file, this.clock());
        const result = this.adapter.adapt({ content, ackControlNumber: ack.controlNumber }, { mapping, receivedAt: ack.receivedAt });
        const verdict = dropFileVerdict(result.outcomes);
        const archivedAs = await archivePath(verdict.disposition === 'PROCESSED' ? this.deps.folders.processed : this.deps.folders.rejected, file, sha256);
        const rawSource = { uri: pathToFileURL(archivedAs).href, contentType: 'application/edi-x12', sha256, receivedAt: ack.receivedAt };

        await this.deps.publisher.publish(verdict.orders.map((order) => ({ ...order, rawSource })));
        const acknowledgement =
          result.functionalAcknowledgement === null ? null : join(this.deps.folders.outbox, account, `997-${String(ack.controlNumber).padStart(9, '0')}.edi`);
        if (acknowledgement !== null && result.functionalAcknowledgement !== null) await writeAtomically(acknowledgement, result.functionalAcknowledgement);
        const outcome: EdiFileResult = {
          file,
          channelAccountId: account,
          disposition: verdict.disposition,
          publishedOrderIds: verdict.orders.map((o) => o.orderId),
          rejections: verdict.rejections,
          acknowledgement,
          archivedAs,
        };
        await fileAway(workPath, archivedAs, verdict.disposition === 'PROCESSED' ? undefined : reasonNote(outcome, sha256, ack.receivedAt));
        return outcome;
      },
    );
  }

  /** Not X12, or from a sender that is no trading partner: no 997 can be addressed, only the reason. */
  private async refuseUnaddressable(workPath: string, file: string, sha256: string, rejection: AdapterRejection): Promise<EdiFileResult> {
    const archivedAs = await archivePath(this.deps.folders.rejected, file, sha256);
    const outcome: EdiFileResult = {
      file,
      channelAccountId: null,
      disposition: 'REJECTED',
      publishedOrderIds: [],
      rejections: [rejection],
      acknowledgement: null,
      archivedAs,
    };
    await fileAway(workPath, archivedAs, reasonNote(outcome, sha256, this.clock()));
    return outcome;
  }
}

/** The `.reason.json` beside a (partly) rejected file: what was refused and why. */
function reasonNote(outcome: EdiFileResult, sha256: string, receivedAt: number): object {
  const { archivedAs: _archived, ...rest } = outcome;
  return { ...rest, sha256, receivedAt: new Date(receivedAt).toISOString() };
}

function unaddressable(content: string, sender: string | null): AdapterRejection {
  if (sender !== null) {
    return {
      code: AdapterRejectionCode.AccountUnknown,
      field: 'ISA06',
      message: `interchange sender ${sender} is not a trading partner of this gateway`,
      channelOrderId: null,
    };
  }
  return content
    .replace(/^\uFEFF/, '')
    .trimStart()
    .startsWith('ISA')
    ? {
        code: AdapterRejectionCode.EnvelopeInvalid,
        field: 'ISA',
        message: 'ISA is not a readable 106-character segment with 16 elements',
        channelOrderId: null,
      }
    : {
        code: AdapterRejectionCode.PayloadMalformed,
        field: 'ISA',
        message: 'file does not start with an ISA segment: not an X12 interchange',
        channelOrderId: null,
      };
}
