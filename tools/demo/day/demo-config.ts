export interface DemoConfig {
  /** Traffic duration. */
  readonly durationMs: number;
  /** Steady channel orders per second; the promotion runs at ten times this. */
  readonly ratePerSecond: number;
  readonly seed: number;
  /** SKUs in the simulated catalog (ERP, WMS and the channels' listings). */
  readonly itemCount: number;
  /** After the traffic, how long every order may take to reach its outcome. */
  readonly settleTimeoutMs: number;
  readonly progressEveryMs: number;
}

type Env = Readonly<Record<string, string | undefined>>;

function positive(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name}=${raw} is not a positive number`);
  return value;
}

/** DEMO_MINUTES (3) or DEMO_SECONDS, DEMO_RATE (orders/s, 2), DEMO_SEED (42), DEMO_SKUS (300), DEMO_SETTLE_SECONDS (120). */
export function demoConfigFromEnv(env: Env): DemoConfig {
  const seconds = env['DEMO_SECONDS'] ? positive(env, 'DEMO_SECONDS', 180) : positive(env, 'DEMO_MINUTES', 3) * 60;
  return {
    durationMs: Math.round(seconds * 1000),
    ratePerSecond: positive(env, 'DEMO_RATE', 2),
    seed: Math.round(positive(env, 'DEMO_SEED', 42)),
    itemCount: Math.round(positive(env, 'DEMO_SKUS', 300)),
    settleTimeoutMs: positive(env, 'DEMO_SETTLE_SECONDS', 120) * 1000,
    progressEveryMs: positive(env, 'DEMO_PROGRESS_SECONDS', 5) * 1000,
  };
}
