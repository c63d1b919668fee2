import { Module } from '@nestjs/common';
import { ChannelOrdersHandler } from './channel-orders.handler';
import { OrderEvaluatorService } from './order-evaluator.service';
import { OrderIntakeService } from './order-intake.service';

@Module({
  controllers: [ChannelOrdersHandler],
  providers: [OrderIntakeService, OrderEvaluatorService],
  exports: [OrderEvaluatorService],
})
export class OrdersModule {}
