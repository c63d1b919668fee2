import { startActivity } from './activity';
import { num } from './control-body';
import { startFeedServer, type FeedServerOptions, type SimulatorControls } from './feed-server.http';

/** Where and how a simulator serves its feeds. */
export interface FeedSimulatorServing {
  readonly host?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** When set, feed requests need `Authorization: Bearer <apiKey>`. */
  readonly apiKey?: string;
  /** Random activity (one `tick`) every this many ms (demo); off when omitted. */
  readonly activityIntervalMs?: number | undefined;
}

/** A simulated source system serving its feeds over HTTP. */
export interface RunningFeedSimulator {
  readonly baseUrl: string;
  /** Requests answered by the feed API (not counting refusals during outages). */
  servedRequests(): number;
  stop(): Promise<void>;
}

/** What a simulated source brings: its feed tables, outage switch, random events and other controls. */
export interface SimulatedSource extends Pick<FeedServerOptions, 'feeds' | 'outage' | 'api'> {
  /** `events` random changes, as the source's own activity would make them. */
  readonly tick: (events: number) => unknown;
  readonly controls: SimulatorControls;
}

/**
 * Serves a simulated source (`startFeedServer`) with its controls and `tick` (`{ events }`, 1 by
 * default) under /_sim, ticking once every `activityIntervalMs` when set; `stop()` ends the
 * activity, then the server.
 */
export async function serveFeedSimulator(serving: FeedSimulatorServing, source: SimulatedSource): Promise<RunningFeedSimulator> {
  const server = await startFeedServer({
    feeds: source.feeds,
    outage: source.outage,
    ...(source.api ? { api: source.api } : {}),
    ...(serving.apiKey ? { apiKey: serving.apiKey } : {}),
    ...(serving.host ? { host: serving.host } : {}),
    ...(serving.port !== undefined ? { port: serving.port } : {}),
    controls: { tick: (body) => source.tick(num(body, 'events', 1)), ...source.controls },
  });
  const stopActivity = serving.activityIntervalMs ? startActivity(() => source.tick(1), serving.activityIntervalMs) : () => undefined;
  return {
    baseUrl: server.baseUrl,
    servedRequests: server.servedRequests,
    stop: async () => {
      stopActivity();
      await server.close();
    },
  };
}
