/** A positive number from the environment, or the default; a typo fails loudly instead of benchmarking 0. */
export function positiveNumberFromEnv(name: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  return numberFromEnv(name, fallback, env, { zeroAllowed: false });
}

export function positiveIntFromEnv(name: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  return wholeNumber(name, positiveNumberFromEnv(name, fallback, env));
}

/** Like positiveIntFromEnv, but 0 is allowed (e.g. a warm-up that can be switched off). */
export function nonNegativeIntFromEnv(name: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  return wholeNumber(name, numberFromEnv(name, fallback, env, { zeroAllowed: true }));
}

function numberFromEnv(name: string, fallback: number, env: NodeJS.ProcessEnv, { zeroAllowed }: { zeroAllowed: boolean }): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isFinite(value) || value < 0 || (value === 0 && !zeroAllowed)) {
    throw new Error(`${name}=${raw} is not a ${zeroAllowed ? 'non-negative' : 'positive'} number`);
  }
  return value;
}

function wholeNumber(name: string, value: number): number {
  if (!Number.isInteger(value)) throw new Error(`${name}=${value} is not a whole number`);
  return value;
}
