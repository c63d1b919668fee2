import { Injectable } from '@nestjs/common';
import { ServiceDatabase } from '@crossdock/service-kit';
import { PrismaClient } from '../generated/prisma/client';

/** channel-gateway's database (Amazon poll cursors, EDI acknowledgements, rejections). */
@Injectable()
export class PrismaService extends ServiceDatabase(PrismaClient) {}
