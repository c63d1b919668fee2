import { easyPostTrackingDetail, type EasyPostEvent, type EasyPostTracker, type EasyPostTrackingDetail } from '../carriers/easypost-wire';

/**
 * A `tracker.updated` Event shaped like EasyPost's documented Tracker example (a USPS First-Class
 * package from Houston, two pre-transit scans), for unit tests; valid unless overridden.
 */
export function easyPostTrackerEvent(tracker: Partial<EasyPostTracker> = {}, event: Partial<EasyPostEvent> = {}): EasyPostEvent {
  return {
    id: 'evt_80ebb94e4e3f11eda77a7d968ee85915',
    object: 'Event',
    mode: 'test',
    description: 'tracker.updated',
    previous_attributes: { status: 'unknown' },
    result: {
      id: 'trk_f7ed99b497a944fb84f99bf6a9a5f8ea',
      object: 'Tracker',
      mode: 'test',
      tracking_code: '9461200106068143633117',
      status: 'pre_transit',
      status_detail: 'status_update',
      created_at: '2022-10-17T17:18:08Z',
      updated_at: '2022-10-17T17:18:08Z',
      signed_by: null,
      weight: null,
      est_delivery_date: '2022-10-20T17:18:08Z',
      shipment_id: 'shp_b3b2b84b0ad14a2ca926ab8fddd02ef2',
      carrier: 'USPS',
      tracking_details: [
        scan('Pre-Shipment Info Sent to USPS', 'pre_transit', '2022-09-17T17:18:08Z', { city: null, state: null, zip: null }),
        scan('Shipping Label Created', 'pre_transit', '2022-09-18T05:55:08Z', { city: 'HOUSTON', state: 'TX', zip: '77063' }),
      ],
      carrier_detail: { object: 'CarrierDetail', service: 'First-Class Package Service', origin_location: 'HOUSTON TX, 77001' },
      public_url: 'https://track.easypost.com/djE6dHJrX2Y3ZWQ5OWI0OTdhOTQ0ZmI4NGY5OWJmNmE5YTVmOGVh',
      fees: [],
      ...tracker,
    },
    status: 'pending',
    pending_urls: ['https://hub.example.com/webhooks/easypost'],
    completed_urls: [],
    user_id: 'user_060ab38db3c04ffaa60f262e5781a9be',
    created_at: '2022-10-17T17:18:09Z',
    updated_at: '2022-10-17T17:18:09Z',
    ...event,
  };
}

export function scan(
  message: string,
  status: string,
  datetime: string,
  place: { city: string | null; state: string | null; zip: string | null; country?: string | null },
  statusDetail: string | null = 'status_update',
): EasyPostTrackingDetail {
  return easyPostTrackingDetail({ status, statusDetail, message, datetime, source: 'USPS', place: { country: null, ...place } });
}
