import { Global, Module } from '@nestjs/common';
import { ReferenceTablesService } from './reference-tables.service';
import { TablesHandler } from './tables.handler';
import { TablesRebuildService } from './tables-rebuild.service';

@Global()
@Module({ controllers: [TablesHandler], providers: [ReferenceTablesService, TablesRebuildService], exports: [ReferenceTablesService] })
export class TablesModule {}
