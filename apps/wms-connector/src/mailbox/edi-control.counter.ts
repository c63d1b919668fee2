import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';

/** ISA13 is at most nine digits; after 999999999 the count starts again at 1. */
const MAX_CONTROL_NUMBER = 999_999_999;

/**
 * The X12 control numbers of one 3PL: every interchange we write to it (940s, 997s) takes the next
 * one, from one row per 3PL updated in place, so two writers (or a restart) never reuse a number.
 */
@Injectable()
export class EdiControlCounter {
  constructor(private readonly prisma: PrismaService) {}

  async next(locationId: string): Promise<number> {
    const rows = await this.prisma.$queryRaw<Array<{ lastValue: number }>>`
      INSERT INTO "EdiControlCounter" ("locationId", "lastValue", "updatedAt") VALUES (${locationId}, 1, now())
      ON CONFLICT ("locationId") DO UPDATE
        SET "lastValue" = CASE WHEN "EdiControlCounter"."lastValue" >= ${MAX_CONTROL_NUMBER} THEN 1 ELSE "EdiControlCounter"."lastValue" + 1 END,
            "updatedAt" = now()
      RETURNING "lastValue"`;
    const value = rows[0]?.lastValue;
    if (value === undefined) throw new Error(`no control number for ${locationId}`);
    return value;
  }
}
