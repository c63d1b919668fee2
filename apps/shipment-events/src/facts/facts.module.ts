import { Module } from '@nestjs/common';
import { FactsController } from './facts.controller';
import { ShipmentFactQuery } from './shipment-fact.query';

@Module({ controllers: [FactsController], providers: [ShipmentFactQuery] })
export class FactsModule {}
