import { Module } from '@nestjs/common';
import { ShipmentsModule } from '../shipments/shipments.module';
import { ErpConfirmationDrainer } from './erp-confirmation.drainer';
import { erpShipmentConfirmationPortProvider } from './erp-confirmation-port.provider';
import { ErpConfirmationQueueRepository } from './erp-confirmation-queue.repository';

/** Every shipped package's goods issue posted to the ERP once, through ErpShipmentConfirmationPort. */
@Module({
  imports: [ShipmentsModule],
  providers: [erpShipmentConfirmationPortProvider, ErpConfirmationQueueRepository, ErpConfirmationDrainer],
  exports: [ErpConfirmationDrainer],
})
export class ErpConfirmationModule {}
