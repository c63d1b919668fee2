import { jaegerAvailability, JaegerWatch } from './jaeger.watch';

const look = (at: number, up: boolean) => ({ at, up });

describe('jaegerAvailability', () => {
  it('up at every look: every trace can be there', () => {
    expect(jaegerAvailability([look(1, true), look(2, true), look(3, true)])).toEqual({ upThroughout: true, upSince: 1 });
  });

  it('came up during the day: kept from the first look that found it', () => {
    expect(jaegerAvailability([look(1, false), look(2, false), look(3, true), look(4, true)])).toEqual({ upThroughout: false, upSince: 3 });
  });

  it('went away and came back: kept only since it came back', () => {
    expect(jaegerAvailability([look(1, true), look(2, false), look(3, true)])).toEqual({ upThroughout: false, upSince: 3 });
  });

  it('down at the last look, or never up, or never looked at: nothing to count on', () => {
    expect(jaegerAvailability([look(1, true), look(2, false)])).toEqual({ upThroughout: false, upSince: null });
    expect(jaegerAvailability([look(1, false), look(2, false)])).toEqual({ upThroughout: false, upSince: null });
    expect(jaegerAvailability([])).toEqual({ upThroughout: false, upSince: null });
  });
});

describe('JaegerWatch', () => {
  it('looks at /api/services on start and once more on stop; an unreachable Jaeger counts as down', async () => {
    const asked: string[] = [];
    const answers = [() => Promise.reject(new Error('ECONNREFUSED')), () => Promise.resolve({ ok: true })];
    let clock = 100;
    const watch = new JaegerWatch(
      'http://jaeger:16686',
      3_600_000,
      () => clock,
      (url) => {
        asked.push(url);
        return (answers.shift() ?? (() => Promise.resolve({ ok: false })))();
      },
    );

    await watch.start();
    clock = 200;
    const availability = await watch.stop();

    expect(asked).toEqual(['http://jaeger:16686/api/services', 'http://jaeger:16686/api/services']);
    expect(availability).toEqual({ upThroughout: false, upSince: 200 });
  });
});
