import { JsonSourceTextUnavailableError, parseJsonWithExactIntegers, requireJsonSourceTextAccess, type JsonParse } from './exact-integer-json.parser';

/** JSON.parse as on Node 20 and older: the reviver gets no third argument. */
const parseWithoutSourceText: JsonParse = (text, reviver) => JSON.parse(text, (key, value: unknown) => reviver.call(undefined, key, value));

describe('parseJsonWithExactIntegers', () => {
  it('keeps every integer beyond 2^53, at any depth and of either sign, as its exact digits', () => {
    const text =
      '{"id":820982911946154508,"line_items":[{"id":866550311766439020,"variant_id":9007199254740993}],"customer":{"id":115310627314723954},"refunds":[[-9007199254740993]]}';
    expect(parseJsonWithExactIntegers(text)).toEqual({
      id: '820982911946154508',
      line_items: [{ id: '866550311766439020', variant_id: '9007199254740993' }],
      customer: { id: '115310627314723954' },
      refunds: [['-9007199254740993']],
    });
    // What plain JSON.parse makes of the same text: other ids.
    expect((JSON.parse(text) as { id: number }).id).toBe(820982911946154500);
  });

  it('leaves safe integers, fractions, exponents, strings and literals as JSON.parse gives them', () => {
    const text =
      '{"max":9007199254740991,"min":-9007199254740991,"rate":0.089,"big":1e21,"price":"199.00","gid":"gid://shopify/Order/820982911946154508","test":true,"note":null}';
    expect(parseJsonWithExactIntegers(text)).toEqual(JSON.parse(text));
  });

  it('throws SyntaxError for text that is not JSON, as JSON.parse does', () => {
    expect(() => parseJsonWithExactIntegers('{"id": 820982911946154508,')).toThrow(SyntaxError);
  });

  it('refuses to parse an unsafe integer on a runtime without source text, instead of rounding it', () => {
    expect(parseJsonWithExactIntegers('{"id":6120458731622}', parseWithoutSourceText)).toEqual({ id: 6120458731622 });
    expect(() => parseJsonWithExactIntegers('{"id":866550311766439020}', parseWithoutSourceText)).toThrow(JsonSourceTextUnavailableError);
  });
});

describe('requireJsonSourceTextAccess', () => {
  it('passes on this runtime and fails on one whose reviver gets no source text', () => {
    expect(() => requireJsonSourceTextAccess()).not.toThrow();
    expect(() => requireJsonSourceTextAccess(parseWithoutSourceText)).toThrow(/Node 24/);
  });
});
