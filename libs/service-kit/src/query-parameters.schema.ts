import { z } from 'zod';

/** Ten years, as old as anything an operator lists gets: an unbounded figure could leave JavaScript's date range and fail the query. */
export const MAX_AGE_MINUTES = 10 * 366 * 24 * 60;

/**
 * An age in minutes (`minAgeMinutes`, `maxAgeMinutes`), 0 to ten years: coerced from a query
 * string's text (`'query'`), or taken as a JSON number in a body (`'json'`, where null is not 0).
 */
export function ageInMinutes(from: 'query' | 'json' = 'query') {
  return (from === 'query' ? z.coerce.number() : z.number())
    .int('must be a whole number of minutes')
    .min(0, 'must be 0 or more')
    .max(MAX_AGE_MINUTES, `must be at most ${MAX_AGE_MINUTES} (ten years)`);
}

/** `limit` of a list, from a query string: a whole number 1 to `max`, `fallback` when not given. */
export function limitParameter(max = 500, fallback = 100) {
  return z.coerce.number().int('must be a whole number').min(1, `must be 1 to ${max}`).max(max, `must be 1 to ${max}`).default(fallback);
}
