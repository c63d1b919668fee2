import type { Milestone, TrackerStatus, WarehouseStage } from '@crossdock/contracts';

/**
 * EasyPost tracker status -> canonical milestone. `failure` is a failed delivery (EasyPost's
 * attempted/undeliverable); `error` and `cancelled` trackers are exceptions; `unknown` says nothing
 * about where the package is, so it is kept in history and moves nothing.
 */
const TRACKER_MILESTONE: Readonly<Record<TrackerStatus, Milestone | null>> = {
  UNKNOWN: null,
  PRE_TRANSIT: 'LABEL_CREATED',
  IN_TRANSIT: 'IN_TRANSIT',
  OUT_FOR_DELIVERY: 'OUT_FOR_DELIVERY',
  DELIVERED: 'DELIVERED',
  AVAILABLE_FOR_PICKUP: 'AVAILABLE_FOR_PICKUP',
  RETURN_TO_SENDER: 'RETURNED_TO_SENDER',
  FAILURE: 'DELIVERY_FAILED',
  CANCELLED: 'EXCEPTION',
  ERROR: 'EXCEPTION',
};

export function trackerMilestone(status: TrackerStatus): Milestone | null {
  return TRACKER_MILESTONE[status];
}

/** What a warehouse stage means for a package (PICKED facts have no packages: they move line quantities only). */
const STAGE_MILESTONE: Readonly<Record<WarehouseStage, Milestone | null>> = {
  UNKNOWN: null,
  PICKED: 'PICKED',
  PACKED: 'PACKED',
  SHIPPED: 'SHIPPED',
};

export function warehouseStageMilestone(stage: WarehouseStage): Milestone | null {
  return STAGE_MILESTONE[stage];
}
