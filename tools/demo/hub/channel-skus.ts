/**
 * How each demo channel lists a hub SKU: Shopify variant SKUs and Amazon seller SKUs carry a
 * prefix, the EDI partner orders by its own 9-digit buyer item number. order-ingest learns these
 * from the demo's items reference data (`demoItemMappings`), as it would from a real onboarding.
 */
export const channelSku = {
  shopify: (sku: string): string => `SHOP-${sku}`,
  amazon: (sku: string): string => `AMZ-${sku}`,
  edi: (catalogIndex: number): string => `7${String(catalogIndex).padStart(8, '0')}`,
};

export interface ItemMapping {
  readonly channelAccountId: string;
  readonly channelSku: string;
  readonly sku: string;
}

/** One mapping per channel account and catalog SKU (Shopify, Amazon and EDI accounts of the mappings folder). */
export function demoItemMappings(skus: readonly string[]): ItemMapping[] {
  return skus.flatMap((sku, index) => [
    { channelAccountId: 'acme-outdoor', channelSku: channelSku.shopify(sku), sku },
    { channelAccountId: 'amazon-us', channelSku: channelSku.amazon(sku), sku },
    { channelAccountId: 'edi-summit-outfitters', channelSku: channelSku.edi(index), sku },
  ]);
}
