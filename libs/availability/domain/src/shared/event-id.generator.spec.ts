import { deterministicEventId } from './event-id.generator';

describe('deterministicEventId', () => {
  it('is a version-5 style UUID, stable for the same name and different for another', () => {
    const id = deterministicEventId('reservation:O-1:1:DC-RENO:v1');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deterministicEventId('reservation:O-1:1:DC-RENO:v1')).toBe(id);
    expect(deterministicEventId('reservation:O-1:1:DC-RENO:v2')).not.toBe(id);
  });
});
