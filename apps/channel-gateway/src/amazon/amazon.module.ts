import { Module } from '@nestjs/common';
import { AmazonPollingService } from './amazon-polling.service';

@Module({ providers: [AmazonPollingService] })
export class AmazonModule {}
