/**
 * EasyPost's webhook shapes, as sent (snake_case, ISO 8601 strings). Who writes them (the carrier
 * simulator, test fixtures) uses these types; the adapter reads untrusted JSON field by field.
 * Fields the hub does not read (fees, carrier_detail, public_url...) are listed so that a
 * simulated event looks like a real one.
 */
export interface EasyPostTrackingLocation {
  readonly object: 'TrackingLocation';
  readonly city: string | null;
  readonly state: string | null;
  readonly country: string | null;
  readonly zip: string | null;
}

export interface EasyPostTrackingDetail {
  readonly object: 'TrackingDetail';
  readonly message: string | null;
  readonly description: string | null;
  readonly status: string;
  readonly status_detail: string | null;
  readonly datetime: string;
  readonly source: string | null;
  readonly carrier_code: string | null;
  readonly tracking_location: EasyPostTrackingLocation;
}

export interface EasyPostTracker {
  readonly id: string;
  readonly object: 'Tracker';
  readonly mode: 'test' | 'production';
  readonly tracking_code: string;
  readonly status: string;
  readonly status_detail: string | null;
  readonly created_at: string;
  readonly updated_at: string;
  readonly signed_by: string | null;
  readonly weight: number | null;
  readonly est_delivery_date: string | null;
  readonly shipment_id: string | null;
  readonly carrier: string;
  readonly tracking_details: readonly EasyPostTrackingDetail[];
  readonly carrier_detail: Readonly<Record<string, unknown>> | null;
  readonly public_url: string | null;
  readonly fees: readonly unknown[];
}

export interface EasyPostEvent<R = EasyPostTracker> {
  readonly id: string;
  readonly object: 'Event';
  readonly mode: 'test' | 'production';
  readonly description: string;
  readonly previous_attributes: Readonly<Record<string, unknown>>;
  readonly result: R;
  readonly status: 'pending' | 'in_queue' | 'retrying' | 'completed' | 'failed';
  readonly pending_urls: readonly string[];
  readonly completed_urls: readonly string[];
  readonly user_id: string;
  readonly created_at: string;
  readonly updated_at: string;
}

/** One scan as EasyPost lists it in `tracking_details` (the fields it leaves empty for most carriers as null). */
export function easyPostTrackingDetail(scan: {
  readonly status: string;
  readonly statusDetail: string | null;
  readonly message: string;
  readonly datetime: string;
  readonly source: string;
  readonly place: Omit<EasyPostTrackingLocation, 'object'>;
}): EasyPostTrackingDetail {
  return {
    object: 'TrackingDetail',
    message: scan.message,
    description: null,
    status: scan.status,
    status_detail: scan.statusDetail,
    datetime: scan.datetime,
    source: scan.source,
    carrier_code: null,
    tracking_location: { object: 'TrackingLocation', ...scan.place },
  };
}
