import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { syncComposeFile } from './compose-file';
import { ComposeTemplateError, renderCompose } from './compose.generator';
import { COMPOSE_TEMPLATE, REPO_ROOT } from './service-paths';
import { parseServicesManifest, readServicesManifest, type ServicesManifest } from './services-manifest';

interface ComposeService {
  readonly image: string;
  readonly build?: { context: string };
  readonly environment: Record<string, string>;
  readonly depends_on?: Record<string, { condition: string }>;
  readonly ports?: string[];
  readonly command?: string[];
  readonly volumes?: string[];
}
interface ComposeFile {
  readonly services: Record<string, ComposeService>;
}

const template = readFileSync(path.join(REPO_ROOT, COMPOSE_TEMPLATE), 'utf8');
// Compose resolves `<<: *hub-env`; so does the yaml package with merge on. Duplicate keys fail the parse.
const parseCompose = (text: string): ComposeFile => parse(text, { merge: true, uniqueKeys: true }) as ComposeFile;
const INFRASTRUCTURE = ['kafka', 'schema-registry', 'postgres', 'jaeger', 'hub-init', 'simulators'];

const withAddedService = (manifest: ServicesManifest): ServicesManifest =>
  parseServicesManifest({
    ...manifest,
    services: [...manifest.services, { name: 'example-service', port: 3999, database: 'example_service', scope: 'example-service' }],
  });

describe('docker-compose.yml generator', () => {
  const manifest = readServicesManifest();

  it('writes one block per manifest service, in start order, after the infrastructure it keeps as written', () => {
    const compose = parseCompose(renderCompose(template, manifest));
    expect(Object.keys(compose.services)).toEqual([...INFRASTRUCTURE, ...manifest.services.map((service) => service.name)]);
    const written = parseCompose(template.replace(/^ *# @generated .*$/gm, ''));
    for (const name of ['kafka', 'schema-registry', 'jaeger', 'simulators']) expect(compose.services[name]).toEqual(written.services[name]);
    for (const service of manifest.services) {
      const block = compose.services[service.name];
      expect(block?.environment).toMatchObject({
        KAFKA_BROKERS: 'kafka:29092',
        SERVICE_NAME: service.name,
        HTTP_PORT: String(service.port),
        DATABASE_URL: `postgresql://crossdock:crossdock@postgres:5432/${service.database}`,
      });
      expect(block?.ports).toEqual([`${service.port}:${service.port}`]);
      // The image's entrypoint starts a service by its manifest name (deploy/image/entrypoint.sh).
      expect(block?.command).toEqual([service.name]);
      expect(block?.image).toBe('crossdock:local');
    }
  });

  it('creates and connects exactly the manifest databases', () => {
    const compose = parseCompose(renderCompose(template, manifest));
    expect(compose.services['postgres']?.environment['CROSSDOCK_DATABASES']?.split(' ')).toEqual(manifest.services.map((service) => service.database));
    const urls = Object.entries(compose.services['hub-init']?.environment ?? {}).filter(([name]) => name.startsWith('DATABASE_URL_'));
    expect(urls).toEqual(
      manifest.services.map((service) => [
        `DATABASE_URL_${service.database.toUpperCase()}`,
        `postgresql://crossdock:crossdock@postgres:5432/${service.database}`,
      ]),
    );
  });

  it("keeps each existing service's systems pointed at the simulators", () => {
    const compose = parseCompose(renderCompose(template, manifest));
    expect(compose.services['erp-connector']?.environment).toMatchObject({
      ERP_BASE_URL: 'http://simulators:4101',
      ERP_WAREHOUSE_MAP: expect.stringContaining('01=DC-RENO:WAREHOUSE'),
    });
    expect(compose.services['wms-connector']?.environment).toMatchObject({
      WMS_BASE_URL: 'http://simulators:4102',
      WMS_FACILITY_MAP: expect.stringContaining('RNO1=DC-RENO'),
    });
    expect(compose.services['order-ingest']?.environment).toMatchObject({
      ERP_ADAPTER: 'rest',
      ERP_REST_BASE_URL: 'http://simulators:4103',
      REFERENCE_DATA_DIR: '/app/tmp/hub/reference-data',
    });
    expect(compose.services['channel-gateway']?.environment).toMatchObject({
      SHOPIFY_WEBHOOK_SECRET_ACME_OUTDOOR: 'shpss_crossdock_demo_secret',
      SP_API_ENDPOINT: 'http://simulators:4104',
      SP_API_ACCESS_TOKEN: 'Atza|crossdock-simulator-token',
      EDI_INBOX_DIR: '/app/tmp/hub/edi/inbox',
    });
    expect(Object.keys(compose.services['channel-gateway']?.depends_on ?? {})).toEqual(['hub-init', 'simulators']);
  });

  it('gives a service added to the manifest its block, database and connection with the common environment only', () => {
    const compose = parseCompose(renderCompose(template, withAddedService(manifest)));
    expect(Object.keys(compose.services).at(-1)).toBe('example-service');
    const block = compose.services['example-service'];
    const platform = compose.services['hub-init']?.environment ?? {};
    expect(block?.environment).toEqual({
      ...platform,
      SERVICE_NAME: 'example-service',
      HTTP_PORT: '3999',
      DATABASE_URL: 'postgresql://crossdock:crossdock@postgres:5432/example_service',
    });
    expect(block?.depends_on).toEqual({ 'hub-init': { condition: 'service_completed_successfully' } });
    expect(block?.ports).toEqual(['3999:3999']);
    expect(block?.image).toBe(compose.services['hub-init']?.image);
    expect(block?.build).toEqual({ context: '.' });
    expect(block?.command).toEqual(['example-service']);
    expect(block?.volumes).toEqual(['hub-work:/app/tmp/hub']);
    expect(compose.services['postgres']?.environment['CROSSDOCK_DATABASES']).toMatch(/ example_service$/);
    expect(platform['DATABASE_URL_EXAMPLE_SERVICE']).toBe('postgresql://crossdock:crossdock@postgres:5432/example_service');
  });

  it("replaces the template's own header with the GENERATED one", () => {
    const rendered = renderCompose(template, manifest);
    expect(rendered.split('\n')[0]).toMatch(/^# GENERATED by `npm run services:compose`/);
    expect(rendered).not.toContain('The template of docker-compose.yml');
    expect(rendered).not.toContain('# @generated');
  });

  it('refuses a template whose markers are missing, repeated or unknown', () => {
    const broken = template
      .replace('# @generated database-urls', '# @generated database-url')
      .replace('# @generated hub-services', '# @generated hub-services\n  # @generated hub-services');
    expect(() => renderCompose(broken, manifest)).toThrow(ComposeTemplateError);
    expect(() => renderCompose(broken, manifest)).toThrow(
      /unknown part "# @generated database-url"[\s\S]*"# @generated database-urls" appears 0 times[\s\S]*"# @generated hub-services" appears 2 times/,
    );
  });

  it('refuses extras that would repeat a variable every service gets', () => {
    const extras = { 'order-ingest': { usesSimulators: false, environment: [{ name: 'DATABASE_URL', value: 'postgresql://elsewhere/x' }] } };
    expect(() => renderCompose(template, manifest, extras)).toThrow('extras of order-ingest: DATABASE_URL is set for every service by the generator');
  });

  it('keeps a $ in a value literal (compose would interpolate it)', () => {
    const extras = { 'order-ingest': { usesSimulators: false, environment: [{ name: 'ERP_REST_API_KEY', value: 'k$y' }] } };
    expect(renderCompose(template, manifest, extras)).toContain('ERP_REST_API_KEY: k$$y');
  });
});

describe('docker-compose.yml on disk', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'services-compose-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('--check names what a stale file lacks and leaves it alone; without --check it is rewritten', () => {
    const manifest = readServicesManifest();
    const file = path.join(dir, 'docker-compose.yml');
    const stale = renderCompose(template, manifest);
    writeFileSync(file, stale);
    const current = renderCompose(template, withAddedService(manifest));

    const difference = syncComposeFile(file, current, true);
    expect(difference).toContain('+   example-service:');
    expect(difference).toContain('+       DATABASE_URL_EXAMPLE_SERVICE: postgresql://crossdock:crossdock@postgres:5432/example_service');
    expect(readFileSync(file, 'utf8')).toBe(stale);

    expect(syncComposeFile(file, current, false)).toEqual(difference);
    expect(readFileSync(file, 'utf8')).toBe(current);
    expect(syncComposeFile(file, current, true)).toEqual([]);
  });

  it('--check reports a missing file', () => {
    expect(syncComposeFile(path.join(dir, 'docker-compose.yml'), 'services: {}\n', true)).toEqual(['the file does not exist']);
  });
});
