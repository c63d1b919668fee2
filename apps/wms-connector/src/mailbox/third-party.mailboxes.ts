import { Inject, Injectable } from '@nestjs/common';
import type { ThirdPartyPartner } from '@crossdock/connectors/domain';
import { APP_CONFIG } from '@crossdock/config';
import type { ThirdPartyMailbox, WmsConnectorConfig } from '../config/wms-connector-config.schema';

/** The configured 3PL mailboxes, by hub location. */
@Injectable()
export class ThirdPartyMailboxes {
  private readonly byLocation: ReadonlyMap<string, ThirdPartyMailbox>;

  constructor(@Inject(APP_CONFIG) config: WmsConnectorConfig) {
    this.byLocation = new Map(config.THIRD_PARTY_MAILBOXES.map((box) => [box.locationId, box]));
  }

  all(): ThirdPartyMailbox[] {
    return [...this.byLocation.values()];
  }

  locations(): ReadonlySet<string> {
    return new Set(this.byLocation.keys());
  }

  of(locationId: string): ThirdPartyMailbox | undefined {
    return this.byLocation.get(locationId);
  }
}

/** How the hub and the 3PL of a mailbox address each other in X12. */
export function partnerOf(mailbox: ThirdPartyMailbox): ThirdPartyPartner {
  return {
    ourInterchangeId: mailbox.ourInterchangeId,
    partnerInterchangeId: mailbox.partnerInterchangeId,
    ourApplicationId: mailbox.ourApplicationId ?? idPart(mailbox.ourInterchangeId),
    partnerApplicationId: mailbox.partnerApplicationId ?? idPart(mailbox.partnerInterchangeId),
    usageIndicator: mailbox.usageIndicator,
    warehouseName: mailbox.warehouseName ?? mailbox.locationId,
    ...(mailbox.itemQualifier ? { itemQualifier: mailbox.itemQualifier } : {}),
  };
}

/** `ZZ:CROSSDOCKDIST` → `CROSSDOCKDIST`. */
export function idPart(interchangeId: string): string {
  return interchangeId.includes(':') ? interchangeId.slice(interchangeId.indexOf(':') + 1) : interchangeId;
}

/** The same ISA id however it is written: qualifier ZZ when none, no padding. */
export function sameInterchangeId(a: string, b: string): boolean {
  const norm = (id: string) => (id.includes(':') ? id : `ZZ:${id}`).trim().toUpperCase();
  return norm(a) === norm(b);
}
