import { TransientDependencyError } from '@crossdock/messaging';
import { asDatabaseOutage } from './prisma-errors';

const named = (name: string, code?: string): Error => Object.assign(new Error('boom'), { name }, code ? { code } : {});

describe('asDatabaseOutage', () => {
  it('turns database failures into transient outages, so the message waits instead of being dead-lettered', () => {
    for (const error of [named('PrismaClientKnownRequestError', 'P2002'), named('DriverAdapterError'), named('SqlConnectionError'), named('Error', 'ECONNREFUSED'), named('error', '57P01')]) {
      expect(asDatabaseOutage(error)).toBeInstanceOf(TransientDependencyError);
    }
  });

  it('leaves programming errors alone, so they still reach the dead-letter topic', () => {
    const bug = new TypeError('x is undefined');
    expect(asDatabaseOutage(bug)).toBe(bug);
    const query = named('PrismaClientValidationError');
    expect(asDatabaseOutage(query)).toBe(query);
  });
});
