import { Module } from '@nestjs/common';
import { FulfilmentProgressHandler } from './fulfilment-progress.handler';
import { FulfilmentProgressRepository } from './fulfilment-progress.repository';

@Module({ controllers: [FulfilmentProgressHandler], providers: [FulfilmentProgressRepository] })
export class FulfilmentProgressModule {}
