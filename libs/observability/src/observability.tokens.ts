/** Injection token for this service's pino `Logger` (see `createLogger`). */
export const OBSERVABILITY_LOGGER = Symbol('OBSERVABILITY_LOGGER');

/** Injection token for the service's name, as the health endpoints report it. */
export const OBSERVABILITY_SERVICE_NAME = Symbol('OBSERVABILITY_SERVICE_NAME');
