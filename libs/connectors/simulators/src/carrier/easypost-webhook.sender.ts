import { cappedBackoffMs, type CappedBackoff } from '@crossdock/backoff';
import { EASYPOST_SIGNATURE_HEADER } from '@crossdock/connectors/domain';

/** One POST of an Event and what the webhook answered. */
export interface DeliveryAttempt {
  readonly at: number;
  /** The HTTP status, null when the request failed (connection refused, timeout). */
  readonly status: number | null;
  /** The answer's body as text (cut at 2,000 characters), or why there was none. */
  readonly answer: string | null;
  readonly error: string | null;
  /** Whether it was a deliberate redelivery of a delivered Event, not a retry of a failure. */
  readonly redelivery: boolean;
}

/** How the simulated provider retries an Event the webhook did not take. */
export interface RetryPolicy {
  /** Attempts of one Event until a 2xx; EasyPost keeps trying for about a day, compressed here. */
  readonly maxAttempts: number;
  readonly backoff: CappedBackoff;
  readonly timeoutMs: number;
}

/** The signed request of one Event: the bytes, and the X-Hmac-Signature computed over exactly them. */
export interface SignedRequest {
  readonly url: string;
  readonly body: Buffer;
  readonly signature: string;
}

const ANSWER_CHARS = 2_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function isDelivered(attempt: DeliveryAttempt): boolean {
  return attempt.status !== null && attempt.status >= 200 && attempt.status < 300;
}

/**
 * Delivers an Event as EasyPost does: anything but a 2xx (an error status, a refused connection,
 * a timeout) is tried again after a growing wait, until a 2xx or the attempts run out. Each
 * attempt is reported as it ends, so the books show a delivery still under way.
 */
export async function deliverUntilAccepted(
  request: SignedRequest,
  policy: RetryPolicy,
  onAttempt: (attempt: DeliveryAttempt) => void,
  clock: () => number,
): Promise<boolean> {
  for (let failures = 0; failures < policy.maxAttempts; failures += 1) {
    await sleep(cappedBackoffMs(failures, policy.backoff));
    const attempt = await postSigned(request, false, policy.timeoutMs, clock);
    onAttempt(attempt);
    if (isDelivered(attempt)) return true;
  }
  return false;
}

/** One POST of the signed bytes. */
export async function postSigned(request: SignedRequest, redelivery: boolean, timeoutMs: number, clock: () => number): Promise<DeliveryAttempt> {
  const at = clock();
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'EasyPost WebHook Agent (simulated)',
        [EASYPOST_SIGNATURE_HEADER]: request.signature,
      },
      body: request.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const answer = (await response.text()).slice(0, ANSWER_CHARS);
    return { at, status: response.status, answer, error: null, redelivery };
  } catch (error) {
    return { at, status: null, answer: null, error: error instanceof Error ? error.message : String(error), redelivery };
  }
}
