import { Global, Module } from '@nestjs/common';
import { ErpCompletionService } from './erp-completion.service';
import { ErpDrainerService } from './erp-drainer.service';
import { erpOrderPortProvider, ERP_ORDER_PORT } from './erp-port.provider';
import { ErpQueueRepository } from './erp-queue.repository';

@Global()
@Module({
  providers: [erpOrderPortProvider, ErpQueueRepository, ErpCompletionService, ErpDrainerService],
  exports: [ERP_ORDER_PORT, ErpDrainerService, ErpQueueRepository],
})
export class ErpModule {}
