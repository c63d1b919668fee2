import { backboneConfig } from './backbone-config';
import { summarizeBackbone, type BackboneSummary } from './backbone-report';
import { runBackboneRound, warmUpBackbone, type BackboneRound } from './backbone-round';
import { openBackboneSession } from './backbone-session';

/** The backbone measured as a service bench's baseline: a warm-up, then `runs` rounds, in a namespace of its own. */
export async function measureBackboneBaseline(label: string, runs: number): Promise<BackboneSummary> {
  console.error('[bench] backbone baseline...');
  const rounds: BackboneRound[] = [];
  const session = await openBackboneSession(label);
  try {
    const config = backboneConfig();
    await warmUpBackbone(session, config);
    for (let run = 1; run <= runs; run++) rounds.push(await runBackboneRound(session, config, run));
  } finally {
    await session.close();
  }
  return summarizeBackbone(rounds);
}
