import { BadRequestException } from '@nestjs/common';
import type { z } from 'zod';

/** The request part parsed by its schema, or a 400 (InvalidParameterDto) naming the first bad parameter (an unknown one by its name). */
export function parsedOr400<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => ({
    parameter: issue.path.length > 0 ? issue.path.join('.') : issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : '(request)',
    message: issue.message,
  }));
  const first = problems[0] ?? { parameter: '(request)', message: 'invalid' };
  throw new BadRequestException({
    statusCode: 400,
    code: 'INVALID_PARAMETER',
    parameter: first.parameter,
    message: `${first.parameter}: ${first.message}`,
    problems,
  });
}
