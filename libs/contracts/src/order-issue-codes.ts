/**
 * Reason codes carried in `OrderRejected.issues[].reasonCode`. The Avro field is a string so a new
 * code needs no schema change; this list is where codes are added and documented. Codes are
 * stable: channel acknowledgements, dashboards and runbooks key on them, so never rename one.
 */
export const OrderIssueCode = {
  /** No ERP customer account matches the channel customer / B2B account reference. */
  CustomerUnmapped: 'CUSTOMER_UNMAPPED',
  /** The ERP account is on credit hold or the order exceeds the available credit. */
  CreditHold: 'CREDIT_HOLD',
  /** A channel SKU has no item mapping for the channel account. */
  ItemUnmapped: 'ITEM_UNMAPPED',
  /** The mapped item is discontinued and no substitution rule applies. */
  ItemDiscontinued: 'ITEM_DISCONTINUED',
  /** The channel unit of measure cannot be converted to the item's base unit. */
  UnitOfMeasureUnmapped: 'UNIT_OF_MEASURE_UNMAPPED',
  /** The channel shipping method has no carrier-service mapping. */
  ShippingMethodUnmapped: 'SHIPPING_METHOD_UNMAPPED',
  /** No tax jurisdiction could be determined for the ship-to address. */
  TaxJurisdictionUnresolved: 'TAX_JURISDICTION_UNRESOLVED',
  /** Payment is not captured, authorized or on terms (pending, failed, voided). */
  PaymentNotAuthorized: 'PAYMENT_NOT_AUTHORIZED',
  /** The ship-to address is incomplete or fails validation. */
  AddressInvalid: 'ADDRESS_INVALID',
  /** No warehouse, 3PL or store eligible for the channel account can fulfil the line. */
  NoFulfilmentLocation: 'NO_FULFILMENT_LOCATION',
  /** Order amounts do not add up (lines, discounts, tax, shipping versus total). */
  AmountsInconsistent: 'AMOUNTS_INCONSISTENT',
  /** The ERP could not be reached within the retry budget; the order waits in the queue. */
  ErpUnavailable: 'ERP_UNAVAILABLE',
  /** The ERP refused the order; the message carries the ERP's reason. */
  ErpRejected: 'ERP_REJECTED',
  /** The channel account has no reference data (onboarding incomplete): no rule can be evaluated. */
  ChannelAccountUnconfigured: 'CHANNEL_ACCOUNT_UNCONFIGURED',
  /** The order is a channel sandbox/test order and the channel account does not accept them. */
  TestOrder: 'TEST_ORDER',
  /** The order currency is not the currency the channel account sells in. */
  CurrencyMismatch: 'CURRENCY_MISMATCH',
  /** A line quantity is not a positive whole number. */
  QuantityInvalid: 'QUANTITY_INVALID',
  /** A line price or amount is negative or not a whole number of minor units. */
  PriceInvalid: 'PRICE_INVALID',
  /** Payment may still become good (pending, unknown status): wait rather than reject. */
  PaymentPending: 'PAYMENT_PENDING',
  /** Ship-to given only by a partner location code (EDI store/DC number) that maps to no ERP ship-to site. */
  ShipToLocationUnmapped: 'SHIP_TO_LOCATION_UNMAPPED',
  /** The order has no lines, so there is nothing to book. */
  OrderHasNoLines: 'ORDER_HAS_NO_LINES',
} as const;

export type OrderIssueCode = (typeof OrderIssueCode)[keyof typeof OrderIssueCode];
