import type { AckFileExchangeOptions } from '@crossdock/erp/client';

/** The error a call that must fail failed with (fails the test when it succeeded), for several assertions on it. */
export async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the ERP call to fail');
}

/**
 * Flat-file adapter options for tests against the simulator's folders: a fast poll, and an
 * acknowledgement timeout of one second by default (healthy answers take milliseconds; the outage
 * cases wait it out).
 */
export function testFileExchange(folders: { readonly dropDir: string; readonly ackDir: string }, overrides: Partial<AckFileExchangeOptions> = {}) {
  return { erpSystem: 'legacy-sim', dropDir: folders.dropDir, ackDir: folders.ackDir, ackTimeoutMs: 1_000, pollMs: 5, noAckRetryAfterMs: 30_000, ...overrides };
}
