import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG } from '@crossdock/config';
import { OBSERVABILITY_LOGGER, withSpan } from '@crossdock/observability';
import type { AvailabilityConfig } from '../config/availability-config.schema';
import { ReservationsService } from './reservations.service';

/** Releases reservations past their channel's TTL on a timer (no event announces a TTL). */
@Injectable()
export class ReservationExpiryScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly reservations: ReservationsService,
    @Inject(APP_CONFIG) private readonly config: AvailabilityConfig,
    @Inject(OBSERVABILITY_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer ??= setInterval(() => {
      this.running ??= withSpan('availability reservation expiry', {}, () => this.reservations.expireDue())
        .then((expired) => {
          if (expired.length > 0) this.logger.info({ expired: expired.length }, 'reservations expired');
        })
        .catch((error: unknown) => this.logger.error({ err: error }, 'reservation expiry sweep failed'))
        .finally(() => (this.running = undefined));
    }, this.config.RESERVATION_EXPIRY_SWEEP_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
