import { Injectable } from '@nestjs/common';
import { ServiceDatabase } from '@crossdock/service-kit';
import { PrismaClient } from '../generated/prisma/client';

/** wms-connector's database: its feed cursors and source rejections. */
@Injectable()
export class PrismaService extends ServiceDatabase(PrismaClient) {}
