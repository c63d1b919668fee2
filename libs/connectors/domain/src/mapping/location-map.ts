import { LocationTypeSymbols, type LocationType } from '@crossdock/contracts';

export interface HubLocation {
  readonly locationId: string;
  readonly locationType: LocationType;
}

/** Source warehouse/facility code -> hub location. Configured, so adding a 3PL is a mapping, not code. */
export type LocationMap = ReadonlyMap<string, HubLocation>;

const WRITABLE_TYPES = LocationTypeSymbols.filter((symbol) => symbol !== 'UNKNOWN');

/**
 * Parses `01=DC-RENO:WAREHOUSE,90=3PL-DALLAS:THIRD_PARTY_LOGISTICS`. Returns every problem at
 * once, so a bad deployment is fixed in one pass.
 */
export function parseLocationMap(spec: string): { map: LocationMap; problems: string[] } {
  const map = new Map<string, HubLocation>();
  const problems: string[] = [];
  for (const entry of spec
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const match = /^([^=\s]+)=([^:\s]+):([A-Z_]+)$/.exec(entry);
    if (!match) {
      problems.push(`'${entry}' is not <sourceCode>=<hubLocationId>:<${WRITABLE_TYPES.join('|')}>`);
      continue;
    }
    const [, code = '', locationId = '', type = ''] = match;
    if (!(WRITABLE_TYPES as readonly string[]).includes(type)) {
      problems.push(`'${entry}': location type ${type} is not one of ${WRITABLE_TYPES.join(', ')}`);
      continue;
    }
    if (map.has(code)) {
      problems.push(`'${entry}': source code ${code} is mapped twice`);
      continue;
    }
    // Two source codes on one hub location would overwrite each other's position on the topic.
    if ([...map.values()].some((location) => location.locationId === locationId)) {
      problems.push(`'${entry}': hub location ${locationId} already has a source code`);
      continue;
    }
    map.set(code, { locationId, locationType: type as LocationType });
  }
  if (map.size === 0 && problems.length === 0) problems.push('no location is mapped');
  return { map, problems };
}
