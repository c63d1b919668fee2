import { ReadinessRegistry } from './readiness.registry';

describe('ReadinessRegistry', () => {
  it('is ready with no checks registered', async () => {
    await expect(new ReadinessRegistry().evaluate()).resolves.toEqual({ ready: true, failing: [], checks: {} });
  });

  it('names every failing check, whether it returned false, threw or hung', async () => {
    const readiness = new ReadinessRegistry(50);
    readiness.register('kafka-consumer', () => true);
    readiness.register('inventory-cache', () => false);
    readiness.register('database', () => Promise.reject(new Error('ECONNREFUSED')));
    readiness.register('erp', () => new Promise<boolean>(() => undefined));

    const report = await readiness.evaluate();

    expect(report.ready).toBe(false);
    expect(report.failing.sort()).toEqual(['database', 'erp', 'inventory-cache']);
    expect(report.checks['database']).toEqual({ ready: false, error: 'ECONNREFUSED' });
    expect(report.checks['erp']?.error).toMatch(/timed out/);
    expect(report.checks['kafka-consumer']).toEqual({ ready: true });
  });

  it('follows a component as it comes and goes', async () => {
    const readiness = new ReadinessRegistry();
    let connected = false;
    const unregister = readiness.register('kafka-consumer', () => connected);

    expect((await readiness.evaluate()).ready).toBe(false);
    connected = true;
    expect((await readiness.evaluate()).ready).toBe(true);
    connected = false;
    unregister();
    expect((await readiness.evaluate()).ready).toBe(true);
  });

  it('refuses two checks under one name, which would hide one of them', () => {
    const readiness = new ReadinessRegistry();
    readiness.register('database', () => true);

    expect(() => readiness.register('database', () => true)).toThrow(/already registered/);
  });
});
