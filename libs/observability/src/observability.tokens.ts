/** Injection token for this service's pino `Logger` (see `createLogger`). */
export const OBSERVABILITY_LOGGER = Symbol('OBSERVABILITY_LOGGER');

