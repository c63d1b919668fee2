import type { KeyFields, TopicDefinition } from './topic-definition';

type KeySource<TKeyFormat extends string> = { readonly [Field in KeyFields<TKeyFormat>]: string | number };

interface ParsedFormat {
  /** Literal text before each placeholder, then the trailing literal: always fields.length + 1 entries. */
  readonly literals: readonly string[];
  readonly fields: readonly string[];
  /** Escapes one part; built once per format, as keys are built for every record published. */
  readonly escape: (part: string) => string;
  readonly pattern: RegExp;
}

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const formats = new Map<string, ParsedFormat>();

/**
 * The Kafka message key for a value, built by the topic's catalog format, e.g.
 * `messageKey(Topics.wmsInventoryPositions, position)` gives `'WID-9@DC-EAST'`. Producers never
 * assemble keys by hand, so compaction and partitioning see one spelling per business key.
 *
 * In multi-part keys, `%` and the format's separator characters inside a part are percent-encoded
 * (a SKU `A@B` becomes `A%40B`), which keeps every key parseable whatever the SKU looks like.
 */
export function messageKey<TKeyFormat extends string>(
  definition: Pick<TopicDefinition<unknown, TKeyFormat>, 'key' | 'messageKey'>,
  source: KeySource<TKeyFormat>,
): string {
  const { literals, fields, escape } = parseFormat(definition.messageKey.format);
  const parts = fields.map((field) => {
    const raw = (source as Readonly<Record<string, string | number | undefined>>)[field];
    if (raw === undefined || raw === '') {
      throw new Error(`message key for topic '${definition.key}': field '${field}' is empty (format ${definition.messageKey.format})`);
    }
    return escape(String(raw));
  });
  return parts.reduce((key, part, index) => `${key}${part}${literals[index + 1] ?? ''}`, literals[0] ?? '');
}

/** Inverse of {@link messageKey}: the decoded parts, or an error naming the topic and key. */
export function parseMessageKey<TKeyFormat extends string>(
  definition: Pick<TopicDefinition<unknown, TKeyFormat>, 'key' | 'messageKey'>,
  key: string,
): Record<KeyFields<TKeyFormat>, string> {
  const { fields, pattern } = parseFormat(definition.messageKey.format);
  const match = pattern.exec(key);
  if (!match) {
    throw new Error(`message key '${key}' does not match format ${definition.messageKey.format} of topic '${definition.key}'`);
  }
  const result: Record<string, string> = {};
  fields.forEach((field, index) => {
    const part = match[index + 1] ?? '';
    result[field] = fields.length > 1 ? decodeURIComponent(part) : part;
  });
  return result as Record<KeyFields<TKeyFormat>, string>;
}

function parseFormat(format: string): ParsedFormat {
  let parsed = formats.get(format);
  if (!parsed) {
    const literals: string[] = [];
    const fields: string[] = [];
    let last = 0;
    for (const match of format.matchAll(PLACEHOLDER)) {
      literals.push(format.slice(last, match.index));
      fields.push(match[1] ?? '');
      last = match.index + match[0].length;
    }
    literals.push(format.slice(last));
    if (fields.length === 0) throw new Error(`key format '${format}' has no {field} placeholder`);
    if (literals.slice(1, -1).some((literal) => literal === '')) {
      throw new Error(`key format '${format}' needs a separator between placeholders`);
    }
    parsed = {
      literals,
      fields,
      escape: escaperFor(literals, fields.length),
      pattern: new RegExp(`^${literals.map(escapeRegExp).join('(.+?)')}$`, 's'),
    };
    formats.set(format, parsed);
  }
  return parsed;
}

function escaperFor(literals: readonly string[], fieldCount: number): (part: string) => string {
  // A single-part key needs no escaping: it is the field value itself, byte for byte.
  if (fieldCount < 2) return (part) => part;
  const reserved = new Set(['%', ...literals.join('')]);
  // Almost no key part holds a reserved character: test once, escape only those that do.
  const needsEscaping = new RegExp(`[${[...reserved].map(escapeRegExp).join('')}]`);
  return (part) => (needsEscaping.test(part) ? [...part].map((char) => (reserved.has(char) ? percentEncode(char) : char)).join('') : part);
}

// Not encodeURIComponent: it leaves '.', '-', '!' and friends alone, and those can be separators.
function percentEncode(char: string): string {
  return [...Buffer.from(char, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
