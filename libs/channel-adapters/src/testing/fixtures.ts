import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseChannelMapping, type ChannelAccountMapping } from '../core/channel-mapping';

const ROOT = join(__dirname, '..', '..');

/** Raw bytes of a sample payload under libs/channel-adapters/fixtures. Test-only helper. */
export function fixtureBytes(relativePath: string): Buffer {
  return readFileSync(join(ROOT, 'fixtures', relativePath));
}

export function fixtureJson<T = unknown>(relativePath: string): T {
  return JSON.parse(fixtureBytes(relativePath).toString('utf8')) as T;
}

export function sampleMapping(channelAccountId: 'acme-outdoor' | 'amazon-us' | 'edi-summit-outfitters'): ChannelAccountMapping {
  return parseChannelMapping(JSON.parse(readFileSync(join(ROOT, 'mappings', `${channelAccountId}.json`), 'utf8')));
}
