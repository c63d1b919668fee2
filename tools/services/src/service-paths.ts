import * as path from 'node:path';

/** Repository layout the services tools rely on; paths in reports are relative to the root. */
export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const SERVICES_MANIFEST = 'infra/services.json';
export const COMPOSE_FILE = 'docker-compose.yml';
export const COMPOSE_TEMPLATE = 'infra/stack/compose/docker-compose.template.yml';
