/** Runs `tick` every `intervalMs` until stopped: stock that keeps moving, for the demo. */
export function startActivity(tick: () => void, intervalMs: number): () => void {
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
