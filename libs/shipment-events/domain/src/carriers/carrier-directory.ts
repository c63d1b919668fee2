import { z } from 'zod';
import type { SalesChannel } from '@crossdock/contracts';
import carriersFile from './carriers.json';

const carrierSchema = z.object({
  code: z.string().min(2),
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)).min(1),
  trackingUrl: z.string().includes('{trackingNumber}').nullable().optional(),
  channelNames: z.record(z.string(), z.string().min(1)),
});

const directorySchema = z.object({ version: z.number().int().positive(), carriers: z.array(carrierSchema).min(1) });

export type CarrierEntry = z.infer<typeof carrierSchema>;

/** How aliases are compared: case, spaces, dots, dashes and underscores do not matter. */
function aliasKey(name: string): string {
  return name.toUpperCase().replace(/[\s._-]+/g, '');
}

/** The carrier directory (carriers.json): source carrier names and SCACs -> hub carrier, tracking URL, channel names. */
export class CarrierDirectory {
  private readonly byAlias = new Map<string, CarrierEntry>();

  constructor(readonly carriers: readonly CarrierEntry[]) {
    for (const carrier of carriers) {
      for (const alias of [carrier.code, ...carrier.aliases]) {
        const key = aliasKey(alias);
        const taken = this.byAlias.get(key);
        if (taken && taken.code !== carrier.code) throw new Error(`carrier alias ${alias} names both ${taken.code} and ${carrier.code}`);
        this.byAlias.set(key, carrier);
      }
    }
  }

  /** The directory as shipped (carriers.json), validated. */
  static standard(): CarrierDirectory {
    return new CarrierDirectory(directorySchema.parse(carriersFile).carriers);
  }

  /** The carrier a source name or SCAC stands for; undefined when it is not mapped (CARRIER_UNMAPPED). */
  resolve(sourceName: string | null | undefined): CarrierEntry | undefined {
    if (!sourceName) return undefined;
    return this.byAlias.get(aliasKey(sourceName));
  }

  /** The carrier's public tracking URL for a number, when it has one. */
  trackingUrl(carrier: CarrierEntry, trackingNumber: string | null): string | null {
    if (!trackingNumber || !carrier.trackingUrl) return null;
    return carrier.trackingUrl.replace('{trackingNumber}', encodeURIComponent(trackingNumber));
  }

  /** The carrier as a channel expects it (Shopify tracking company, Amazon carrierCode); its name when the channel has none. */
  channelName(carrier: CarrierEntry, channel: SalesChannel): string {
    return carrier.channelNames[channel] ?? carrier.name;
  }
}
