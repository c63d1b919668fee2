import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

/**
 * A line of a service's schema.prisma that includes a fragment owned by a library, e.g.
 *
 *   // include ../../../libs/outbox/prisma/outbox.prisma
 *
 * A comment to Prisma, so the service's file stays a valid schema of its own; `npm run db` composes
 * it with its fragments (Prisma's multi-file schema) for generate, migration, check and migrate.
 */
const INCLUDE = /^\s*\/\/\s*include\s+(\S+\.prisma)\s*$/gm;

/**
 * The files of a service's datamodel: its schema.prisma first, then every fragment it includes, by
 * absolute path. A library's tables are defined once, in its fragment, and every database that
 * holds them includes it.
 */
export function schemaFilesOf(schemaPath: string): string[] {
  const text = readFileSync(schemaPath, 'utf8');
  const fragments = [...text.matchAll(INCLUDE)].map((match) => resolve(dirname(schemaPath), match[1] ?? ''));
  const files = [resolve(schemaPath), ...fragments];
  const seen = new Set<string>();
  for (const file of files) {
    if (seen.has(file)) throw new Error(`${schemaPath} includes ${file} twice`);
    seen.add(file);
  }
  return files;
}

/**
 * The composed datamodel as one text (the files in `schemaFilesOf` order), which is what a
 * migration keeps as its snapshot: the next diff starts from exactly what this one produced, even
 * after a fragment changed.
 */
export function composedSchema(schemaPath: string): string {
  const [own, ...fragments] = schemaFilesOf(schemaPath);
  return [
    readFileSync(own as string, 'utf8'),
    ...fragments.map((file) => `\n// ---- included: ${relative(dirname(schemaPath), file)} ----\n${readFileSync(file, 'utf8')}`),
  ].join('');
}
