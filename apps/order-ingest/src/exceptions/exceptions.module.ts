import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { ExceptionsController } from './exceptions.controller';
import { ExceptionsService } from './exceptions.service';
import { ReplayService } from './replay.service';

@Module({ imports: [OrdersModule], controllers: [ExceptionsController], providers: [ExceptionsService, ReplayService] })
export class ExceptionsModule {}
