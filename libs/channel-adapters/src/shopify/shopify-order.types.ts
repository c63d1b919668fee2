/**
 * The parts of Shopify's REST order resource (webhook topics `orders/create`, `orders/cancelled`)
 * this adapter reads. Prices are decimal strings in the shop currency. Documentation only: the
 * mapper validates the untrusted JSON field by field instead of trusting these types.
 */

/**
 * A Shopify id (order, line item, customer, variant, product, ...): a 64-bit JSON integer. As parsed by
 * `parseJsonWithExactIntegers`, a number while it is a safe integer and its exact decimal string beyond
 * 2^53 (Shopify's documentation examples already are: line item 866550311766439020). The ChannelOrder
 * carries every id as its decimal string.
 */
export type ShopifyId = number | string;

export interface ShopifyMoneyLine {
  readonly price: string;
  readonly rate?: number;
  readonly title?: string;
}

export interface ShopifyAddress {
  readonly first_name?: string | null;
  readonly last_name?: string | null;
  readonly name?: string | null;
  readonly company?: string | null;
  readonly address1?: string | null;
  readonly address2?: string | null;
  readonly city?: string | null;
  readonly province?: string | null;
  readonly province_code?: string | null;
  readonly zip?: string | null;
  readonly country?: string | null;
  readonly country_code?: string | null;
  readonly phone?: string | null;
}

export interface ShopifyLineItem {
  readonly id: ShopifyId;
  readonly admin_graphql_api_id?: string;
  readonly variant_id: ShopifyId | null;
  readonly product_id: ShopifyId | null;
  readonly sku: string | null;
  readonly title: string;
  readonly variant_title?: string | null;
  readonly name?: string;
  readonly vendor?: string | null;
  readonly quantity: number;
  readonly price: string;
  readonly total_discount: string;
  readonly discount_allocations?: readonly { readonly amount: string }[];
  readonly tax_lines: readonly ShopifyMoneyLine[];
  readonly requires_shipping?: boolean;
  readonly properties?: readonly { readonly name: string; readonly value: string }[];
}

export interface ShopifyOrder {
  readonly id: ShopifyId;
  readonly admin_graphql_api_id?: string;
  readonly name: string;
  readonly order_number: number;
  readonly email: string | null;
  readonly phone?: string | null;
  readonly created_at: string;
  readonly cancelled_at: string | null;
  readonly cancel_reason: 'customer' | 'fraud' | 'inventory' | 'declined' | 'staff' | 'other' | null;
  readonly currency: string;
  readonly financial_status: string;
  readonly taxes_included: boolean;
  readonly test: boolean;
  readonly total_price: string;
  readonly subtotal_price: string;
  readonly total_tax: string;
  readonly total_discounts: string;
  readonly total_outstanding?: string;
  readonly payment_gateway_names?: readonly string[];
  readonly payment_terms?: { readonly payment_terms_name?: string } | null;
  readonly line_items: readonly ShopifyLineItem[];
  readonly shipping_lines: readonly (ShopifyMoneyLine & { readonly code: string | null; readonly discounted_price?: string })[];
  readonly shipping_address?: ShopifyAddress | null;
  readonly billing_address?: ShopifyAddress | null;
  readonly customer?: {
    readonly id: ShopifyId;
    readonly email?: string | null;
    readonly first_name?: string | null;
    readonly last_name?: string | null;
    readonly phone?: string | null;
  } | null;
  readonly company?: { readonly id: ShopifyId; readonly location_id: ShopifyId } | null;
  readonly note: string | null;
  readonly note_attributes?: readonly { readonly name: string; readonly value: string }[];
  readonly tags?: string;
  readonly source_name?: string;
}

/** Webhook topics this adapter handles. */
export const ShopifyOrderTopics = ['orders/create', 'orders/cancelled'] as const;
export type ShopifyOrderTopic = (typeof ShopifyOrderTopics)[number];
