import { TransientDependencyError } from '@crossdock/messaging';
import { classifyDatabaseError } from './database.errors';

const failure = (name: string, fields: Record<string, unknown> = {}, message = 'boom'): Error => Object.assign(new Error(message), { name }, fields);

describe('classifyDatabaseError', () => {
  it.each([
    ['connection refused', failure('Error', { code: 'ECONNREFUSED' })],
    ['admin shutdown (57P01)', failure('error', { code: '57P01' })],
    ['cannot connect now (57P03)', failure('error', { code: '57P03' })],
    ['connection failure (08006)', failure('error', { code: '08006' })],
    ['too many connections (53300)', failure('error', { code: '53300' })],
    ['serialization failure (40001)', failure('error', { code: '40001' })],
    ['deadlock (40P01)', failure('error', { code: '40P01' })],
    ['Prisma cannot reach the server (P1001)', failure('PrismaClientKnownRequestError', { code: 'P1001' })],
    ['Prisma pool timeout (P2024)', failure('PrismaClientKnownRequestError', { code: 'P2024' })],
    ['Prisma could not initialise', failure('PrismaClientInitializationError')],
    ['pg connection terminated', failure('Error', {}, 'Connection terminated unexpectedly')],
    ['a driver adapter error whose cause is an outage', failure('DriverAdapterError', { cause: { kind: 'postgres', originalCode: '57P01' } })],
    ['a wrapped pg error', failure('PrismaClientKnownRequestError', { code: 'P2010', cause: failure('error', { code: '08003' }) })],
  ])('reads %s as an outage: the message waits', (_label, error) => {
    const classified = classifyDatabaseError(error);
    expect(classified).toBeInstanceOf(TransientDependencyError);
    expect((classified as TransientDependencyError).cause).toBe(error);
  });

  it.each([
    ['a unique violation (P2002)', failure('PrismaClientKnownRequestError', { code: 'P2002' })],
    ['a unique violation (23505)', failure('error', { code: '23505' })],
    ['a check violation (23514)', failure('error', { code: '23514' })],
    ['an invalid value (22P02)', failure('error', { code: '22P02' })],
    ['a query the schema does not know (42P01)', failure('error', { code: '42P01' })],
    ['a Prisma validation error', failure('PrismaClientValidationError')],
    ['a record not found (P2025)', failure('PrismaClientKnownRequestError', { code: 'P2025' })],
    ['a programming error', new TypeError('x is undefined')],
  ])('leaves %s alone: bounded attempts, then the dead-letter topic', (_label, error) => {
    expect(classifyDatabaseError(error)).toBe(error);
  });

  it('keeps an outage that is already classified as it is', () => {
    const outage = new TransientDependencyError('erp', 'down');
    expect(classifyDatabaseError(outage)).toBe(outage);
  });
});
