import { easyPostTrackingDetail, type EasyPostEvent, type EasyPostTracker, type EasyPostTrackingDetail } from '@crossdock/connectors/domain';

/** A place a scan happened. */
export interface ScanPlace {
  readonly city: string | null;
  readonly state: string | null;
  readonly zip: string | null;
  readonly country: string | null;
}

/** One package as a tracking provider follows it: what its Tracker object says now. */
export interface TrackerState {
  readonly id: string;
  readonly carrier: string;
  readonly trackingCode: string;
  readonly shipmentId: string | null;
  status: string;
  statusDetail: string | null;
  estDeliveryDate: number | null;
  readonly createdAt: number;
  updatedAt: number;
  /** Oldest first, as EasyPost lists them. */
  readonly details: EasyPostTrackingDetail[];
}

const iso = (millis: number) => new Date(millis).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A scan as EasyPost lists it in tracking_details. */
export function trackingDetail(
  status: string,
  statusDetail: string | null,
  message: string,
  at: number,
  place: ScanPlace,
  carrier: string,
): EasyPostTrackingDetail {
  return easyPostTrackingDetail({ status, statusDetail, message, datetime: iso(at), source: carrier, place });
}

/** The Tracker object of a tracker's state, as EasyPost sends it in an Event's `result`. */
export function trackerObject(tracker: TrackerState): EasyPostTracker {
  return {
    id: tracker.id,
    object: 'Tracker',
    mode: 'test',
    tracking_code: tracker.trackingCode,
    status: tracker.status,
    status_detail: tracker.statusDetail,
    created_at: iso(tracker.createdAt),
    updated_at: iso(tracker.updatedAt),
    signed_by: tracker.status === 'delivered' ? 'SIGNATURE ON FILE' : null,
    weight: null,
    est_delivery_date: tracker.estDeliveryDate === null ? null : iso(tracker.estDeliveryDate),
    shipment_id: tracker.shipmentId,
    carrier: tracker.carrier,
    tracking_details: [...tracker.details],
    carrier_detail: { object: 'CarrierDetail', service: 'Ground', container_type: null },
    public_url: `https://track.easypost.com/${Buffer.from(tracker.id).toString('base64url')}`,
    fees: [],
  };
}

/** An Event about a tracker (`tracker.created`, `tracker.updated`), its result the tracker as it is now. */
export function trackerEvent(
  id: string,
  description: string,
  tracker: TrackerState,
  previousAttributes: Readonly<Record<string, unknown>>,
  webhookUrl: string,
  at: number,
): EasyPostEvent {
  return {
    id,
    object: 'Event',
    mode: 'test',
    description,
    previous_attributes: previousAttributes,
    result: trackerObject(tracker),
    status: 'pending',
    pending_urls: [webhookUrl],
    completed_urls: [],
    user_id: 'user_crossdock_simulated',
    created_at: iso(at),
    updated_at: iso(at),
  };
}
