import type { DrainEntry } from '@crossdock/erp/domain';

/** One call in order-ingest's ERP queue: the order's create (sequence 1) or a later cancel. */
export interface SubmissionQueueEntry extends DrainEntry {
  readonly kind: 'SUBMIT' | 'CANCEL';
}
