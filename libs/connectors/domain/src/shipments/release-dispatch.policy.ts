import { cappedBackoffMs, type CappedBackoff } from '@crossdock/backoff';
import type { ReleaseAction, ReleaseOutcomeStatus, WarehouseRelease } from '@crossdock/contracts';
import type { LocationMap } from '../mapping/location-map';

/** Where a release stands at the connector; the outcome statuses once the warehouse answered. */
export const ReleaseRecordStatuses = ['QUEUED', 'SENT', 'ACKNOWLEDGED', 'REJECTED', 'CANCELLED', 'CANCEL_REFUSED'] as const;
export type ReleaseRecordStatus = (typeof ReleaseRecordStatuses)[number];

/** How a release reaches its location: the WMS API (with the WMS's facility id) or the 3PL's mailbox. */
export type ReleaseRoute = { readonly kind: 'WMS'; readonly facilityId: string } | { readonly kind: 'MAILBOX'; readonly locationId: string };

/** A release the connector cannot act on, with a stable code (the dead-letter reason). */
export interface ReleaseRefusal {
  readonly kind: 'REFUSED';
  readonly code: 'UNKNOWN_ACTION' | 'UNKNOWN_LOCATION' | 'LOCATION_TYPE_MISMATCH' | 'UNSUPPORTED_LOCATION_TYPE' | 'NO_LINES' | 'BAD_QUANTITY';
  readonly message: string;
}

/**
 * The route of a release: a WAREHOUSE location is a facility of the WMS (WMS_FACILITY_MAP), a
 * THIRD_PARTY_LOGISTICS location a 3PL with a configured mailbox. Anything else is refused, never
 * guessed: the release then waits in the dead-letter topic until the configuration names it.
 */
export function releaseRoute(release: WarehouseRelease, facilities: LocationMap, mailboxes: ReadonlySet<string>): ReleaseRoute | ReleaseRefusal {
  const refuse = (code: ReleaseRefusal['code'], message: string): ReleaseRefusal => ({ kind: 'REFUSED', code, message });
  if (release.action !== 'RELEASE' && release.action !== 'CANCEL') return refuse('UNKNOWN_ACTION', `action ${release.action} is neither RELEASE nor CANCEL`);
  if (release.action === 'RELEASE' && release.lines.length === 0) return refuse('NO_LINES', `release ${release.releaseId} has no lines`);
  const bad = release.lines.find((line) => !Number.isSafeInteger(line.quantity) || line.quantity < 1);
  if (bad) return refuse('BAD_QUANTITY', `line ${bad.lineId} quantity ${bad.quantity} is not a positive whole number`);
  switch (release.locationType) {
    case 'WAREHOUSE': {
      const facility = [...facilities].find(([, location]) => location.locationId === release.locationId);
      if (!facility) return refuse('UNKNOWN_LOCATION', `location ${release.locationId} is not a facility of WMS_FACILITY_MAP`);
      if (facility[1].locationType !== 'WAREHOUSE') {
        return refuse(
          'LOCATION_TYPE_MISMATCH',
          `location ${release.locationId} is ${facility[1].locationType} in WMS_FACILITY_MAP, the release says WAREHOUSE`,
        );
      }
      return { kind: 'WMS', facilityId: facility[0] };
    }
    case 'THIRD_PARTY_LOGISTICS':
      if (!mailboxes.has(release.locationId)) return refuse('UNKNOWN_LOCATION', `location ${release.locationId} has no 3PL mailbox configured`);
      return { kind: 'MAILBOX', locationId: release.locationId };
    case 'STORE':
    case 'DROP_SHIP_VENDOR':
    case 'UNKNOWN':
      return refuse('UNSUPPORTED_LOCATION_TYPE', `location type ${release.locationType} is not released through a WMS or 3PL`);
  }
}

/** The dispatcher's memory of one location's system: consecutive failures and when to try again. */
export interface LocationDispatchState {
  readonly failures: number;
  readonly nextAttemptAt: number;
  readonly lastError: string | null;
}

export interface QueuedReleaseRef {
  readonly id: string;
  readonly locationId: string;
}

/**
 * Which queued releases go now (`queued` oldest first): per location its oldest, unless the
 * location has one in flight or is waiting out a failure. A location's releases go one at a time
 * and in order (a cancellation after its release); one location being down holds back only its own.
 * `nextWakeAt`: when the earliest waiting location may try again (null: none waiting).
 */
export function planReleaseDispatch<T extends QueuedReleaseRef>(
  queued: readonly T[],
  states: ReadonlyMap<string, LocationDispatchState>,
  inFlight: ReadonlySet<string>,
  now: number,
): { readonly dispatch: T[]; readonly nextWakeAt: number | null } {
  const dispatch: T[] = [];
  const seen = new Set<string>();
  let nextWakeAt: number | null = null;
  for (const entry of queued) {
    if (seen.has(entry.locationId)) continue;
    seen.add(entry.locationId);
    if (inFlight.has(entry.locationId)) continue;
    const waitUntil = states.get(entry.locationId)?.nextAttemptAt ?? 0;
    if (waitUntil > now) {
      nextWakeAt = nextWakeAt === null ? waitUntil : Math.min(nextWakeAt, waitUntil);
      continue;
    }
    dispatch.push(entry);
  }
  return { dispatch, nextWakeAt };
}

/** The location's state after an attempt: reset when the system answered, backed off when it was unreachable. */
export function afterReleaseAttempt(
  state: LocationDispatchState | undefined,
  attempt: { readonly reached: true } | { readonly reached: false; readonly error: string },
  now: number,
  backoff: CappedBackoff,
): LocationDispatchState {
  if (attempt.reached) return { failures: 0, nextAttemptAt: now, lastError: null };
  const failures = (state?.failures ?? 0) + 1;
  return { failures, nextAttemptAt: now + cappedBackoffMs(failures, backoff), lastError: attempt.error };
}

/** What the warehouse's answer makes of a release: an outcome, or nothing yet (it was unreachable). */
export type WarehouseAnswer =
  | {
      readonly kind: 'OUTCOME';
      readonly status: Exclude<ReleaseOutcomeStatus, 'UNKNOWN'>;
      readonly warehouseReference: string | null;
      readonly reason: string | null;
      readonly detail: string | null;
    }
  | { readonly kind: 'UNREACHABLE'; readonly error: string };

/** The WMS's HTTP answer (status and JSON body) to creating or cancelling a fulfilment request. */
export interface WmsHttpAnswer {
  readonly status: number;
  readonly body: Readonly<Record<string, unknown>> | null;
}

/**
 * Reads the WMS API's answer to a release or a cancellation. 2xx is done (SENT with the WMS's
 * request id; CANCELLED); a 409 to a cancel is the WMS refusing because picking began
 * (CANCEL_REFUSED with its code); any other 4xx is the WMS refusing the request (REJECTED with its
 * code). 5xx, 408 and 429 mean the WMS is not taking work now: the release stays queued.
 */
export function wmsAnswer(action: Exclude<ReleaseAction, 'UNKNOWN'>, answer: WmsHttpAnswer): WarehouseAnswer {
  const code = typeof answer.body?.['code'] === 'string' ? answer.body['code'] : `HTTP_${answer.status}`;
  const message = typeof answer.body?.['message'] === 'string' ? answer.body['message'] : null;
  if (answer.status >= 500 || answer.status === 408 || answer.status === 429)
    return { kind: 'UNREACHABLE', error: `WMS answered ${answer.status}${message ? `: ${message}` : ''}` };
  const requestId = typeof answer.body?.['requestId'] === 'string' ? answer.body['requestId'] : null;
  const outcome = (status: Exclude<ReleaseOutcomeStatus, 'UNKNOWN'>, reason: string | null, detail: string | null): WarehouseAnswer => ({
    kind: 'OUTCOME',
    status,
    warehouseReference: requestId,
    reason,
    detail,
  });
  if (answer.status >= 200 && answer.status < 300) return outcome(action === 'RELEASE' ? 'SENT' : 'CANCELLED', null, null);
  if (action === 'CANCEL' && answer.status === 409) return outcome('CANCEL_REFUSED', code, message);
  return outcome('REJECTED', code, message);
}
