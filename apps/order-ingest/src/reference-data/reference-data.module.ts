import { Global, Module } from '@nestjs/common';
import { ReferenceDataController } from './reference-data.controller';
import { ReferenceDataStore } from './reference-data.store';

@Global()
@Module({ controllers: [ReferenceDataController], providers: [ReferenceDataStore], exports: [ReferenceDataStore] })
export class ReferenceDataModule {}
