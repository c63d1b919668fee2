/** A positive number from the environment, or the default; a typo fails loudly instead of benchmarking 0. */
export function positiveNumberFromEnv(name: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name}=${raw} is not a positive number`);
  return value;
}

export function positiveIntFromEnv(name: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const value = positiveNumberFromEnv(name, fallback, env);
  if (!Number.isInteger(value)) throw new Error(`${name}=${value} is not a whole number`);
  return value;
}

/** Like positiveIntFromEnv, but 0 is allowed (e.g. a warm-up that can be switched off). */
export function nonNegativeIntFromEnv(name: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[name]?.trim();
  return raw && Number(raw.replace(/_/g, '')) === 0 ? 0 : positiveIntFromEnv(name, fallback, env);
}
