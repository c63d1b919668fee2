import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';

export interface AckAllocation {
  /** ISA13/GS06 of our 997 (1..999999999, per trading partner). */
  readonly controlNumber: number;
  /** When the file was first received: the 997's date and the orders' rawSource.receivedAt. */
  readonly receivedAt: number;
}

const MAX_CONTROL_NUMBER = 999_999_999;

/**
 * 997 control numbers per trading partner. A file is identified by its bytes: the same file seen
 * again (restart mid-file, the partner re-sending it) gets the same number and receipt time back,
 * so its 997 comes out byte-identical; a new file gets the partner's next number.
 */
@Injectable()
export class EdiAcknowledgementRepository {
  constructor(private readonly prisma: PrismaService) {}

  async allocate(channelAccountId: string, fileSha256: string, fileName: string, receivedAt: number): Promise<AckAllocation> {
    return this.prisma.$transaction(async (tx) => {
      const known = await tx.ediAcknowledgement.findUnique({ where: { channelAccountId_fileSha256: { channelAccountId, fileSha256 } } });
      if (known) return { controlNumber: known.controlNumber, receivedAt: known.receivedAt.getTime() };
      // One statement, so two gateways never hand out the same number; wraps like ISA13 must.
      const [row] = await tx.$queryRaw<Array<{ lastControlNumber: number }>>`
        INSERT INTO "EdiControlCounter" ("channelAccountId", "lastControlNumber") VALUES (${channelAccountId}, 1)
        ON CONFLICT ("channelAccountId") DO UPDATE SET "lastControlNumber" =
          CASE WHEN "EdiControlCounter"."lastControlNumber" >= ${MAX_CONTROL_NUMBER} THEN 1 ELSE "EdiControlCounter"."lastControlNumber" + 1 END
        RETURNING "lastControlNumber"`;
      const controlNumber = Number(row?.lastControlNumber);
      await tx.ediAcknowledgement.create({ data: { channelAccountId, fileSha256, fileName, controlNumber, receivedAt: new Date(receivedAt) } });
      return { controlNumber, receivedAt };
    });
  }
}
