import { BaseRpcContext } from '@nestjs/microservices';
import type { InboundMessageMeta } from './inbound-message';

/** What a Nest handler receives through `@Ctx()`: the message's coordinates and business ids. */
export class KafkaEventContext extends BaseRpcContext<[InboundMessageMeta]> {
  get meta(): InboundMessageMeta {
    return this.getArgByIndex(0);
  }
}
