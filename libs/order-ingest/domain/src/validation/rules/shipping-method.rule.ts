import type { CarrierService, ShippingRequest } from '@crossdock/contracts';
import { IssueCode } from '../../issues/order-ingest-issue-codes';
import { orderIssue } from '../../issues/order-issue';
import type { ReferenceCatalog } from '../../reference-data/reference-catalog';
import { failed, ok, type RuleOutcome } from '../validation-context';

/**
 * Channel method codes ("Standard Shipping", Amazon "Std US D2D Dom", EDI TD5 routing) mean nothing
 * to a warehouse; each channel account maps its own codes to a carrier service. A new code is a
 * mapping to add, so the order is HELD.
 */
export function translateShippingMethod(shipping: ShippingRequest, channelAccountId: string, reference: ReferenceCatalog): RuleOutcome<CarrierService> {
  const mapping = reference.shippingMethod(channelAccountId, shipping.channelMethodCode);
  if (!mapping) {
    return failed(
      orderIssue(IssueCode.ShippingMethodUnmapped, `shipping method '${shipping.channelMethodCode}' has no carrier service mapping for ${channelAccountId}`, {
        field: 'shipping.channelMethodCode',
      }),
    );
  }
  return ok({
    carrierCode: mapping.carrierCode,
    serviceCode: mapping.serviceCode,
    // Collect / third-party freight: the buyer's carrier account pays, not ours.
    billingAccount: shipping.thirdPartyBillingAccount,
    shipBy: shipping.shipBy,
  });
}
