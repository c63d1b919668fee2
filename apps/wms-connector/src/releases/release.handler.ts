import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Topics, type WarehouseRelease } from '@crossdock/contracts';
import { OnEvent } from '@crossdock/messaging';
import { ReleaseIntakeService } from './release-intake.service';

@Controller()
export class ReleaseHandler {
  constructor(private readonly intake: ReleaseIntakeService) {}

  @OnEvent(Topics.warehouseReleases)
  async onRelease(@Payload() release: WarehouseRelease): Promise<void> {
    await this.intake.receive(release);
  }
}
