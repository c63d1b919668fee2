import { easyPostTrackerEvent, scan } from '../testing/easypost-tracker-event';
import { readEasyPostEvent, trackerStatusOf, type EasyPostEventOutcome } from './easypost-tracker.adapter';
import { trackingEventId } from './tracking-event-id';

const RECEIVED_AT = Date.parse('2022-10-17T17:18:10.250Z');
const bytes = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
const read = (value: unknown) => readEasyPostEvent(bytes(value), RECEIVED_AT);

function rejectionOf(outcome: EasyPostEventOutcome) {
  if (outcome.kind !== 'rejected') throw new Error(`expected a rejection, got ${outcome.kind}`);
  return outcome.rejection;
}

describe('readEasyPostEvent', () => {
  it("maps EasyPost's documented tracker.updated example to a TrackingUpdate", () => {
    expect(read(easyPostTrackerEvent())).toEqual({
      kind: 'tracking',
      sourceEventId: 'evt_80ebb94e4e3f11eda77a7d968ee85915',
      description: 'tracker.updated',
      update: {
        eventId: trackingEventId('easypost', 'evt_80ebb94e4e3f11eda77a7d968ee85915'),
        sourceEventId: 'evt_80ebb94e4e3f11eda77a7d968ee85915',
        trackerId: 'trk_f7ed99b497a944fb84f99bf6a9a5f8ea',
        carrier: 'USPS',
        trackingCode: '9461200106068143633117',
        status: 'PRE_TRANSIT',
        rawStatus: 'pre_transit',
        statusDetail: 'status_update',
        estDeliveryDate: Date.parse('2022-10-20T17:18:08Z'),
        trackingDetails: [
          {
            datetime: Date.parse('2022-09-17T17:18:08Z'),
            status: 'pre_transit',
            statusDetail: 'status_update',
            message: 'Pre-Shipment Info Sent to USPS',
            city: null,
            state: null,
            country: null,
            zip: null,
          },
          {
            datetime: Date.parse('2022-09-18T05:55:08Z'),
            status: 'pre_transit',
            statusDetail: 'status_update',
            message: 'Shipping Label Created',
            city: 'HOUSTON',
            state: 'TX',
            country: null,
            zip: '77063',
          },
        ],
        occurredAt: Date.parse('2022-09-18T05:55:08Z'),
        receivedAt: RECEIVED_AT,
      },
    });
  });

  it('gives a redelivery of the same Event the same eventId, and another Event another one', () => {
    const first = read(easyPostTrackerEvent());
    const again = read(easyPostTrackerEvent());
    const other = read(easyPostTrackerEvent({}, { id: 'evt_0000000000000000000000000000beef' }));
    if (first.kind !== 'tracking' || again.kind !== 'tracking' || other.kind !== 'tracking') throw new Error('expected tracking updates');
    expect(again.update.eventId).toBe(first.update.eventId);
    expect(other.update.eventId).not.toBe(first.update.eventId);
  });

  it('maps every documented status word, and keeps a word EasyPost adds later as UNKNOWN with the raw word', () => {
    expect(
      [
        'pre_transit',
        'in_transit',
        'out_for_delivery',
        'delivered',
        'available_for_pickup',
        'return_to_sender',
        'failure',
        'cancelled',
        'error',
        'unknown',
      ].map(trackerStatusOf),
    ).toEqual([
      'PRE_TRANSIT',
      'IN_TRANSIT',
      'OUT_FOR_DELIVERY',
      'DELIVERED',
      'AVAILABLE_FOR_PICKUP',
      'RETURN_TO_SENDER',
      'FAILURE',
      'CANCELLED',
      'ERROR',
      'UNKNOWN',
    ]);
    const outcome = read(easyPostTrackerEvent({ status: 'held_at_customs', status_detail: 'customs_delay' }));
    expect(outcome).toMatchObject({ kind: 'tracking', update: { status: 'UNKNOWN', rawStatus: 'held_at_customs', statusDetail: 'customs_delay' } });
  });

  it('takes occurredAt from the newest scan whatever the order sent, else from the tracker updated_at', () => {
    const shuffled = easyPostTrackerEvent({
      status: 'out_for_delivery',
      tracking_details: [
        scan('Out for delivery', 'out_for_delivery', '2022-09-20T08:01:00-05:00', { city: 'CHARLESTON', state: 'SC', zip: '29401' }),
        scan('Label created', 'pre_transit', '2022-09-18T05:55:08Z', { city: 'HOUSTON', state: 'TX', zip: '77063' }),
      ],
    });
    const outcome = read(shuffled);
    if (outcome.kind !== 'tracking') throw new Error('expected a tracking update');
    expect(outcome.update.occurredAt).toBe(Date.parse('2022-09-20T13:01:00Z'));
    expect(outcome.update.trackingDetails.map((d) => d.status)).toEqual(['pre_transit', 'out_for_delivery']);

    const noScans = read(easyPostTrackerEvent({ status: 'unknown', tracking_details: [], updated_at: '2022-10-17T17:20:00Z' }));
    expect(noScans).toMatchObject({ kind: 'tracking', update: { occurredAt: Date.parse('2022-10-17T17:20:00Z'), trackingDetails: [] } });
  });

  it('reads a scan time without a zone as UTC, as EasyPost means it', () => {
    const outcome = read(
      easyPostTrackerEvent({ tracking_details: [scan('Accepted', 'in_transit', '2022-09-19T10:00:00', { city: null, state: null, zip: null })] }),
    );
    expect(outcome).toMatchObject({ kind: 'tracking', update: { occurredAt: Date.parse('2022-09-19T10:00:00Z') } });
  });

  it('treats tracker.created as a tracking event too', () => {
    expect(read(easyPostTrackerEvent({}, { description: 'tracker.created' }))).toMatchObject({ kind: 'tracking', description: 'tracker.created' });
  });

  it('ignores Events that are not about a tracker, whatever their result holds', () => {
    expect(read({ id: 'evt_batch1', object: 'Event', description: 'batch.updated', result: { object: 'Batch' } })).toEqual({
      kind: 'ignored',
      sourceEventId: 'evt_batch1',
      description: 'batch.updated',
    });
  });

  it('refuses a body that is not a JSON object, naming the body', () => {
    for (const body of ['{"id": "evt_1",', '', '[1,2]', 'null']) {
      expect(read(body)).toMatchObject({ kind: 'rejected', sourceEventId: null, rejection: { code: 'PAYLOAD_MALFORMED', field: '(body)' } });
    }
    const notUtf8 = readEasyPostEvent(Buffer.from([0x7b, 0xff, 0x7d]), RECEIVED_AT);
    expect(rejectionOf(notUtf8)).toEqual({ code: 'PAYLOAD_MALFORMED', field: '(body)', message: 'the body is not UTF-8 text' });
  });

  it.each([
    ['id', { id: undefined }, {}, 'FIELD_MISSING'],
    ['object', { object: 'Webhook' }, {}, 'FIELD_INVALID'],
    ['description', { description: 7 }, {}, 'FIELD_INVALID'],
    ['result', { result: null }, {}, 'FIELD_MISSING'],
    ['result.object', {}, { object: 'Shipment' }, 'FIELD_INVALID'],
    ['result.status', {}, { status: '' }, 'FIELD_MISSING'],
    ['result.tracking_code', {}, { tracking_code: null }, 'FIELD_MISSING'],
    ['result.carrier', {}, { carrier: '  ' }, 'FIELD_MISSING'],
    ['result.id', {}, { id: 42 }, 'FIELD_INVALID'],
    ['result.est_delivery_date', {}, { est_delivery_date: 'next tuesday' }, 'FIELD_INVALID'],
    ['result.tracking_details', {}, { tracking_details: 'none' }, 'FIELD_INVALID'],
    ['result.updated_at', {}, { tracking_details: [], updated_at: undefined }, 'FIELD_MISSING'],
  ])('refuses a webhook whose %s is wrong, naming it', (field, eventFields, trackerFields, code) => {
    const event = easyPostTrackerEvent(trackerFields as object, eventFields as object);
    const outcome = read(event);
    expect(rejectionOf(outcome)).toMatchObject({ code, field });
    expect(rejectionOf(outcome).message).toContain(field);
  });

  it('names the scan at fault by its position', () => {
    const badScan = { ...scan('Arrived', 'in_transit', 'yesterday', { city: null, state: null, zip: null }) };
    const outcome = read(
      easyPostTrackerEvent({ tracking_details: [scan('ok', 'pre_transit', '2022-09-18T05:55:08Z', { city: null, state: null, zip: null }), badScan] }),
    );
    expect(outcome).toMatchObject({
      kind: 'rejected',
      sourceEventId: 'evt_80ebb94e4e3f11eda77a7d968ee85915',
      rejection: { code: 'FIELD_INVALID', field: 'result.tracking_details.1.datetime' },
    });
    const badPlace = read(
      easyPostTrackerEvent({ tracking_details: [{ ...badScan, datetime: '2022-09-19T00:00:00Z', tracking_location: 'HOUSTON' as never }] }),
    );
    expect(rejectionOf(badPlace)).toMatchObject({ code: 'FIELD_INVALID', field: 'result.tracking_details.0.tracking_location' });
  });
});
