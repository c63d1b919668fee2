import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpException } from '@nestjs/common';
import { parseOr400 } from '@crossdock/service-kit';
import type { AvailabilityQueryService } from './availability-query.service';
import type { ChannelAvailabilityDto } from './availability.dto';
import { availabilityQuerySchema } from './query-params.parser';

type Next = (error?: unknown) => void;

export type GetAnswer =
  { readonly ok: true; readonly body: ChannelAvailabilityDto } | { readonly ok: false; readonly status: number; readonly body: string | object };

/** A GET /availability answer, the same whether Nest or the lean path serves it; a bug still throws. */
export function answerGet(queries: AvailabilityQueryService, rawQuery: unknown): GetAnswer {
  try {
    const answer = queries.answer(parseOr400(availabilityQuerySchema, rawQuery));
    return answer.status === 200 ? { ok: true, body: answer.availability } : { ok: false, status: 404, body: answer.error };
  } catch (error) {
    if (error instanceof HttpException) return { ok: false, status: error.getStatus(), body: error.getResponse() };
    throw error;
  }
}

/**
 * GET /availability is the hot read (channels poll it thousands of times a second) and answers
 * from memory in microseconds, so Nest's per-request pipeline (router, context, exception zone,
 * Express' json() with its ETag hash) was most of its cost. This middleware, mounted in front of
 * Nest's router, answers it directly with the same `answerGet` the controller uses, so bodies and
 * 4xx are identical; the controller still documents the route and serves HEAD. Anything else
 * passes through to Nest untouched.
 */
export function availabilityReadPath(queries: AvailabilityQueryService) {
  return (req: IncomingMessage & { query?: unknown }, res: ServerResponse, next: Next): void => {
    if (req.method !== 'GET' || !isAvailabilityPath(req.url)) return next();
    let answer: GetAnswer;
    try {
      answer = answerGet(queries, req.query);
    } catch (error) {
      return next(error);
    }
    const body = JSON.stringify(answer.body);
    res.writeHead(answer.ok ? 200 : answer.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
}

function isAvailabilityPath(url: string | undefined): boolean {
  if (url === undefined) return false;
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  return path === '/availability' || path === '/availability/';
}
