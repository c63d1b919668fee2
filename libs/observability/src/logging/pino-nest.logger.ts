import { Inject, Injectable, LoggerService } from '@nestjs/common';
import type { Level, Logger } from 'pino';
import { OBSERVABILITY_LOGGER } from '../observability.tokens';

/**
 * Routes Nest's own logs (bootstrap, routes, exceptions) through pino, so they carry the same
 * service/trace/correlation fields as application logs: `app.useLogger(app.get(PinoNestLogger))`.
 */
@Injectable()
export class PinoNestLogger implements LoggerService {
  constructor(@Inject(OBSERVABILITY_LOGGER) private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    // Nest appends the logger context (e.g. "RoutesResolver") as the last string argument, and
    // passes an error's stack before it: error(message, stack?, context?).
    const rest = params.filter((param) => param !== undefined);
    const last = rest[rest.length - 1];
    const fields: Record<string, unknown> = {};
    if (typeof last === 'string' && !isStack(last)) {
      fields['context'] = last;
      rest.pop();
    }
    const stack = rest.find(isStack);
    if (stack) fields['stack'] = stack;
    const extra = rest.filter((param) => param !== stack);
    if (extra.length > 0) fields['params'] = extra;

    if (message instanceof Error) {
      this.logger[level]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'string') {
      this.logger[level](fields, message);
    } else {
      this.logger[level]({ ...fields, data: message });
    }
  }
}

function isStack(value: unknown): value is string {
  return typeof value === 'string' && /\n\s+at /.test(value);
}
