import { StatementNames } from './statement-names';

describe('StatementNames', () => {
  it('gives a text the same name every time, and another text another name', () => {
    const names = new StatementNames();
    const first = names.nameOf('SELECT 1');
    expect(first).toMatch(/^cd_[0-9a-f]{24}$/);
    expect(names.nameOf('SELECT 1')).toBe(first);
    expect(names.nameOf('SELECT 2')).not.toBe(first);
    // Names depend on the text only, so every process and connection agrees on them.
    expect(new StatementNames().nameOf('SELECT 1')).toBe(first);
  });

  it('leaves texts beyond its capacity unnamed, and keeps naming the ones it knows', () => {
    const names = new StatementNames(2);
    const a = names.nameOf('SELECT 1');
    names.nameOf('SELECT 2');
    expect(names.nameOf('SELECT 3')).toBeUndefined();
    expect(names.nameOf('SELECT 1')).toBe(a);
  });
});
