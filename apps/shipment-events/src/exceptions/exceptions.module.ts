import { Module } from '@nestjs/common';
import { ShipmentsModule } from '../shipments/shipments.module';
import { ExceptionReplayService } from './exception-replay.service';
import { ExceptionsController } from './exceptions.controller';
import { ExceptionsService } from './exceptions.service';

@Module({ imports: [ShipmentsModule], controllers: [ExceptionsController], providers: [ExceptionsService, ExceptionReplayService] })
export class ExceptionsModule {}
