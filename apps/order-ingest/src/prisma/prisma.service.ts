import { Injectable } from '@nestjs/common';
import { ServiceDatabase } from '@crossdock/service-kit';
import { PrismaClient } from '../generated/prisma/client';

/**
 * order-ingest's database: its generated client and, on the same pg pool, `sql` for the statements
 * that run per order under load.
 */
@Injectable()
export class PrismaService extends ServiceDatabase(PrismaClient) {}
