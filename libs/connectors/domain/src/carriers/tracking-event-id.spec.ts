import { trackingEventId } from './tracking-event-id';

describe('trackingEventId', () => {
  it('is a version 5 UUID, the same for the same provider event and different otherwise', () => {
    const id = trackingEventId('easypost', 'evt_80ebb94e4e3f11eda77a7d968ee85915');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(trackingEventId('easypost', 'evt_80ebb94e4e3f11eda77a7d968ee85915')).toBe(id);
    expect(trackingEventId('easypost', 'evt_80ebb94e4e3f11eda77a7d968ee85916')).not.toBe(id);
    expect(trackingEventId('aftership', 'evt_80ebb94e4e3f11eda77a7d968ee85915')).not.toBe(id);
  });
});
