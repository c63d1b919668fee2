import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { CarrierWebhookRejection } from '@crossdock/connectors/domain';
import { PrismaService } from '../prisma/prisma.service';

export interface RecordedWebhookRejection {
  readonly provider: string;
  readonly sourceEventId: string | null;
  readonly code: string;
  readonly field: string;
  readonly message: string;
  /** The body as received, base64: exactly the bytes, whatever their encoding. */
  readonly bodyBase64: string;
  readonly bodyBytes: number;
  /** How often the provider delivered these same bytes (its retries of a 400). */
  readonly deliveries: number;
  readonly firstAt: string;
  readonly lastAt: string;
}

interface RejectionRow {
  provider: string;
  sourceEventId: string | null;
  code: string;
  field: string;
  message: string;
  body: Uint8Array;
  deliveries: number;
  firstAt: Date;
  lastAt: Date;
}

/**
 * Signed webhooks refused for their content, kept with the reason and the bytes so that nothing a
 * carrier sent vanishes: one row per distinct body, a retry of the same bytes counts up.
 */
@Injectable()
export class WebhookRejectionRepository {
  constructor(private readonly prisma: PrismaService) {}

  async record(provider: string, rawBody: Buffer, sourceEventId: string | null, rejection: CarrierWebhookRejection): Promise<void> {
    const sha256 = createHash('sha256').update(rawBody).digest('hex');
    // Times from this process, in UTC, as every other timestamp of the database is written.
    const now = new Date().toISOString();
    await this.prisma.sql.$executeRawUnsafe(
      `INSERT INTO "CarrierWebhookRejection" ("provider", "bodySha256", "sourceEventId", "code", "field", "message", "body", "firstAt", "lastAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::timestamp, $8::timestamp)
       ON CONFLICT ("provider", "bodySha256") DO UPDATE SET "deliveries" = "CarrierWebhookRejection"."deliveries" + 1, "lastAt" = EXCLUDED."lastAt"`,
      provider,
      sha256,
      sourceEventId,
      rejection.code,
      rejection.field,
      rejection.message,
      rawBody,
      now,
    );
  }

  async list(filter: { code?: string; limit: number }): Promise<RecordedWebhookRejection[]> {
    const rows: RejectionRow[] = await this.prisma.carrierWebhookRejection.findMany({
      where: filter.code ? { code: filter.code } : {},
      orderBy: [{ lastAt: 'desc' }, { id: 'desc' }],
      take: filter.limit,
      select: { provider: true, sourceEventId: true, code: true, field: true, message: true, body: true, deliveries: true, firstAt: true, lastAt: true },
    });
    return rows.map(({ body, firstAt, lastAt, ...row }) => ({
      ...row,
      bodyBase64: Buffer.from(body).toString('base64'),
      bodyBytes: body.length,
      firstAt: firstAt.toISOString(),
      lastAt: lastAt.toISOString(),
    }));
  }
}
