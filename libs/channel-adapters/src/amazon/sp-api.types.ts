/**
 * Shapes of the Selling Partner API Orders v0 responses this adapter reads (`getOrders`,
 * `getOrderItems`). Money amounts are decimal strings. Address and buyer fields are restricted data:
 * the fetch port must call with a Restricted Data Token for merchant-fulfilled orders. Documentation
 * only: mappers validate the untrusted JSON field by field.
 */
export interface SpApiMoney {
  readonly CurrencyCode: string;
  readonly Amount: string;
}

export type SpApiOrderStatus =
  'PendingAvailability' | 'Pending' | 'Unshipped' | 'PartiallyShipped' | 'Shipped' | 'InvoiceUnconfirmed' | 'Canceled' | 'Unfulfillable';

export interface SpApiAddress {
  readonly Name?: string;
  readonly CompanyName?: string;
  readonly AddressLine1?: string;
  readonly AddressLine2?: string;
  readonly AddressLine3?: string;
  readonly City?: string;
  readonly County?: string;
  readonly District?: string;
  readonly StateOrRegion?: string;
  readonly PostalCode?: string;
  readonly CountryCode: string;
  readonly Phone?: string;
  readonly AddressType?: 'Residential' | 'Commercial';
}

export interface SpApiOrder {
  readonly AmazonOrderId: string;
  readonly SellerOrderId?: string;
  readonly PurchaseDate: string;
  readonly LastUpdateDate: string;
  readonly OrderStatus: SpApiOrderStatus;
  readonly FulfillmentChannel?: 'MFN' | 'AFN';
  readonly SalesChannel?: string;
  readonly ShipServiceLevel?: string;
  readonly ShipmentServiceLevelCategory?: string;
  readonly OrderTotal?: SpApiMoney;
  readonly NumberOfItemsShipped?: number;
  readonly NumberOfItemsUnshipped?: number;
  readonly PaymentMethod?: 'COD' | 'CVS' | 'Other';
  readonly PaymentMethodDetails?: readonly string[];
  readonly MarketplaceId?: string;
  readonly OrderType?: string;
  readonly EarliestShipDate?: string;
  readonly LatestShipDate?: string;
  readonly EarliestDeliveryDate?: string;
  readonly LatestDeliveryDate?: string;
  readonly IsBusinessOrder?: boolean;
  readonly IsPrime?: boolean;
  readonly IsPremiumOrder?: boolean;
  readonly IsReplacementOrder?: boolean;
  readonly IsISPU?: boolean;
  readonly ShippingAddress?: SpApiAddress;
  readonly BuyerInfo?: { readonly BuyerEmail?: string; readonly BuyerName?: string; readonly PurchaseOrderNumber?: string };
}

export interface SpApiOrderItem {
  readonly ASIN: string;
  readonly SellerSKU?: string;
  readonly OrderItemId: string;
  readonly Title?: string;
  readonly QuantityOrdered: number;
  readonly QuantityShipped?: number;
  readonly ItemPrice?: SpApiMoney;
  readonly ItemTax?: SpApiMoney;
  readonly ShippingPrice?: SpApiMoney;
  readonly ShippingTax?: SpApiMoney;
  readonly ShippingDiscount?: SpApiMoney;
  readonly ShippingDiscountTax?: SpApiMoney;
  readonly PromotionDiscount?: SpApiMoney;
  readonly PromotionDiscountTax?: SpApiMoney;
  readonly PromotionIds?: readonly string[];
  readonly ConditionId?: string;
  readonly IsGift?: string;
  readonly BuyerRequestedCancel?: { readonly IsBuyerRequestedCancel?: string; readonly BuyerCancelReason?: string };
}

/** `GET /orders/v0/orders` response body. */
export interface GetOrdersResponse {
  readonly payload?: {
    readonly Orders: readonly SpApiOrder[];
    readonly NextToken?: string;
    readonly LastUpdatedBefore?: string;
    readonly CreatedBefore?: string;
  };
  readonly errors?: readonly { readonly code: string; readonly message: string; readonly details?: string }[];
}

/** `GET /orders/v0/orders/{orderId}/orderItems` response body. */
export interface GetOrderItemsResponse {
  readonly payload?: {
    readonly OrderItems: readonly SpApiOrderItem[];
    readonly NextToken?: string;
    readonly AmazonOrderId: string;
  };
  readonly errors?: readonly { readonly code: string; readonly message: string; readonly details?: string }[];
}
