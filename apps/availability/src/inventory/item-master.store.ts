import type { ItemMaster } from '@crossdock/contracts';
import type { ItemFacts } from '@crossdock/availability/domain';

export type ItemApplyOutcome = 'APPLIED' | 'IGNORED';

interface HeldItem extends ItemFacts {
  readonly version: number;
  /** False after a tombstone: the version stays as a watermark so a late record cannot resurrect it. */
  readonly present: boolean;
}

/**
 * The item master facts availability needs (safety stock, discontinued), newest version per SKU.
 * Only two numbers and a flag per SKU, so a plain Map stays small even for a million items.
 */
export class ItemMasterStore {
  private readonly items = new Map<string, HeldItem>();

  apply(item: ItemMaster): ItemApplyOutcome {
    const held = this.items.get(item.sku);
    if (held && item.version <= held.version) return 'IGNORED';
    this.items.set(item.sku, {
      safetyStock: Math.max(0, item.safetyStock),
      discontinued: item.discontinued,
      version: item.version,
      present: true,
    });
    return 'APPLIED';
  }

  remove(sku: string): boolean {
    const held = this.items.get(sku);
    if (!held?.present) return false;
    this.items.set(sku, { ...held, present: false });
    return true;
  }

  get(sku: string): ItemFacts | undefined {
    const held = this.items.get(sku);
    return held?.present ? { safetyStock: held.safetyStock, discontinued: held.discontinued } : undefined;
  }

  size(): number {
    return this.items.size;
  }
}
