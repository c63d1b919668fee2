import { Injectable } from '@nestjs/common';
import { ServiceDatabase } from '@crossdock/service-kit';
import { PrismaClient } from '../generated/prisma/client';

/** shipment-events's database (its generated client on the shared pg pool). */
@Injectable()
export class PrismaService extends ServiceDatabase(PrismaClient) {}
