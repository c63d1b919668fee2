import type { IncomingMessage, ServerResponse } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';

/** A documented path and the methods its operations declare (upper case). */
export interface DocumentedPath {
  readonly template: string;
  readonly pattern: RegExp;
  readonly methods: readonly string[];
}

const OPERATION_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'] as const;

/**
 * The document's paths as patterns: `{orderId}` matches one path segment; a trailing slash and
 * letter case do not matter, as for Express' router (not strict, not case-sensitive).
 */
export function documentedPaths(document: Pick<OpenAPIObject, 'paths'>): DocumentedPath[] {
  return Object.entries(document.paths).map(([template, item]) => {
    const source = template
      .split(/(\{[^}]+\})/)
      .map((part) => (/^\{[^}]+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
      .join('');
    const declared = OPERATION_METHODS.filter((method) => (item as Record<string, unknown>)[method.toLowerCase()] !== undefined);
    return { template, pattern: new RegExp(`^${source.replace(/\/$/, '')}/?$`, 'i'), methods: declared };
  });
}

/**
 * What a path answers to, for the Allow header: every method the document declares on any path
 * that matches (`/a/batch` can match both `/a/batch` and `/a/{id}`), HEAD wherever GET is (Express
 * answers HEAD with the GET route), OPTIONS everywhere. Undefined when no documented path matches.
 */
export function allowedMethods(paths: readonly DocumentedPath[], path: string): string[] | undefined {
  const matching = paths.filter((p) => p.pattern.test(path));
  if (matching.length === 0) return undefined;
  const declared = new Set(matching.flatMap((p) => p.methods));
  if (declared.has('GET')) declared.add('HEAD');
  declared.add('OPTIONS');
  return OPERATION_METHODS.filter((method) => declared.has(method));
}

type Next = (error?: unknown) => void;

/**
 * RFC 9110 for the documented paths: a method the path does not declare is answered 405 with an
 * `Allow` header (Nest alone answers 404, as if the resource did not exist), and OPTIONS is answered
 * 204 with the same header. Paths the document does not name pass through untouched (Nest's 404).
 */
export function methodNotAllowed(document: Pick<OpenAPIObject, 'paths'>) {
  const paths = documentedPaths(document);
  return (req: IncomingMessage, res: ServerResponse, next: Next): void => {
    const method = (req.method ?? 'GET').toUpperCase();
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const allowed = allowedMethods(paths, path);
    if (allowed === undefined || (method !== 'OPTIONS' && allowed.includes(method))) return next();
    res.setHeader('Allow', allowed.join(', '));
    if (method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    const body = JSON.stringify({
      statusCode: 405,
      error: 'Method Not Allowed',
      message: `${method} is not allowed on ${path}; allowed: ${allowed.join(', ')}`,
    });
    res.writeHead(405, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
}

/** Installs methodNotAllowed in front of Nest's routes; call it before listen (Nest adds its 404 handler there). */
export function rejectUndeclaredMethods(app: INestApplication, document: Pick<OpenAPIObject, 'paths'>): void {
  app.use(methodNotAllowed(document));
}
