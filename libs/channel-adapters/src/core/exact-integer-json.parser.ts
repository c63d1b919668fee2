/** What the runtime hands a `JSON.parse` reviver as third argument (TC39 "JSON.parse source text access", Node 21+). */
interface ReviverContext {
  /** The source text of a primitive value; absent for objects and arrays. */
  readonly source?: string;
}

type Reviver = (this: unknown, key: string, value: unknown, context?: ReviverContext) => unknown;

/** `JSON.parse`'s shape; a parameter so a test can stand in a runtime without source text access. */
export type JsonParse = (text: string, reviver: Reviver) => unknown;

const INTEGER_LITERAL = /^-?\d+$/;

/** Thrown when the runtime cannot give the source text of a number, so its exact digits cannot be kept. */
export class JsonSourceTextUnavailableError extends Error {
  constructor() {
    super(
      'JSON.parse gives revivers no source text on this runtime, so integers above 2^53 (Shopify ids) would lose digits; run on Node 24, the version the repository pins',
    );
    this.name = 'JsonSourceTextUnavailableError';
  }
}

/**
 * `JSON.parse`, except that an integer literal outside the safe range (|n| > 2^53 − 1) comes back as
 * its exact decimal string: `866550311766439020`, not the rounded number 866550311766439000. Shopify's
 * 64-bit ids (orders, line items, customers, variants, shipping lines...) pass 2^53 in its own
 * documentation, and a rounded id would name another record. Numbers with a fraction or an exponent,
 * and safe integers, are numbers as usual.
 *
 * Text that is not JSON throws `SyntaxError`, as `JSON.parse` does. A runtime whose reviver gets no
 * source text throws {@link JsonSourceTextUnavailableError} at the first unsafe integer rather than
 * hand back a number with other digits.
 */
export function parseJsonWithExactIntegers(text: string, parse: JsonParse = JSON.parse): unknown {
  return parse(text, (_key, value, context) => {
    if (typeof value !== 'number' || Number.isSafeInteger(value)) return value;
    const source = context?.source;
    if (source === undefined) throw new JsonSourceTextUnavailableError();
    return INTEGER_LITERAL.test(source) ? source : value;
  });
}

/**
 * Fails unless this runtime gives revivers the source text: called where a service constructs what
 * parses channel JSON, so a wrong Node stops it at start instead of at the first large id.
 */
export function requireJsonSourceTextAccess(parse: JsonParse = JSON.parse): void {
  let source: string | undefined;
  parse('9007199254740993', (_key, value, context) => {
    source = context?.source;
    return value;
  });
  if (source !== '9007199254740993') throw new JsonSourceTextUnavailableError();
}
