import { SeededRandom } from './seeded-random';

/** The distributor's three sites, as both the ERP (warehouses 01, 02, 90) and the WMS (RNO1, ATL1, DAL3) know them. */
export type Site = 'reno' | 'atlanta' | 'dallas3pl';

/** Share of the catalog each site keeps. */
const KEPT_SHARE: Readonly<Record<Site, number>> = { reno: 0.9, atlanta: 0.8, dallas3pl: 0.3 };
const SITE_SALT: Readonly<Record<Site, number>> = { reno: 0x5e40, atlanta: 0xa71a, dallas3pl: 0xda13 };

/**
 * Whether a site keeps the catalog's item number `index`: one assortment for the simulated ERP and
 * the simulated WMS, as a real distributor's ERP and WMS agree on which items each site stocks (the
 * WMS refusing a release for an item the ERP says is there would be a master-data error, not a day's
 * event). Drawn from its own stream per item and site, so it does not depend on what else a
 * simulator draws. The first two items are kept everywhere (tests rely on them).
 */
export function keptAt(seed: number, index: number, site: Site): boolean {
  if (index <= 1) return true;
  return new SeededRandom((seed * 31 + index * 7919 + SITE_SALT[site]) >>> 0).chance(KEPT_SHARE[site]);
}
