import { lineDiff } from './line-diff';

describe('lineDiff', () => {
  it('is empty for equal texts', () => {
    expect(lineDiff('a\nb\n', 'a\nb\n')).toEqual([]);
  });

  it('shows removed, added and changed lines under the line they start at', () => {
    expect(lineDiff('a\nb\nc\nd', 'a\nc\nD\ne')).toEqual(['@@ line 2', '- b', '@@ line 4', '- d', '+ D', '+ e']);
  });

  it('cuts a long difference short, saying how much is left', () => {
    const many = Array.from({ length: 10 }, (_, i) => `line ${i}`).join('\n');
    expect(lineDiff('', many, 4)).toEqual(['@@ line 1', '- ', '+ line 0', '+ line 1', '... 8 more lines']);
  });
});
