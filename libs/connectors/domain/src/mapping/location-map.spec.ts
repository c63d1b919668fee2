import { parseLocationMap } from './location-map';

describe('parseLocationMap', () => {
  it('maps source codes to hub locations with their kind', () => {
    const { map, problems } = parseLocationMap(' 01=DC-RENO:WAREHOUSE, 90=3PL-DALLAS:THIRD_PARTY_LOGISTICS ');
    expect(problems).toEqual([]);
    expect(map.get('01')).toEqual({ locationId: 'DC-RENO', locationType: 'WAREHOUSE' });
    expect(map.get('90')).toEqual({ locationId: '3PL-DALLAS', locationType: 'THIRD_PARTY_LOGISTICS' });
    expect(map.size).toBe(2);
  });

  it('reports every problem at once: syntax, UNKNOWN or unheard-of kinds, a code or a hub location mapped twice', () => {
    const { problems } = parseLocationMap('01=DC-RENO:WAREHOUSE,02,03=X:UNKNOWN,04=Y:SHED,01=DC-Z:STORE,05=DC-RENO:STORE');
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/'02' is not/);
    expect(problems.join('\n')).toMatch(/UNKNOWN is not one of/);
    expect(problems.join('\n')).toMatch(/SHED is not one of/);
    expect(problems.join('\n')).toMatch(/source code 01 is mapped twice/);
    expect(problems.join('\n')).toMatch(/DC-RENO already has a source code/);
  });

  it('refuses an empty map', () => {
    expect(parseLocationMap(' , ').problems).toEqual(['no location is mapped']);
  });
});
