import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseServicesManifest, readServicesManifest, ServicesManifestError } from './services-manifest';

const valid = () => ({
  $comment: 'start order',
  services: [
    { name: 'erp-connector', port: 3004, database: 'erp_connector', scope: 'connectors' },
    { name: 'order-ingest', port: 3001, database: 'order_ingest', scope: 'order-ingest' },
  ],
  infrastructureDatabases: ['schema_registry'],
});

function problemsOf(raw: unknown): string[] {
  try {
    parseServicesManifest(raw, 'manifest.json');
  } catch (error) {
    if (error instanceof ServicesManifestError) return [...error.problems];
    throw error;
  }
  throw new Error('the manifest was accepted');
}

describe('services manifest', () => {
  it('keeps the services in start order, with their infrastructure databases', () => {
    const manifest = parseServicesManifest(valid());
    expect(manifest.services.map((service) => service.name)).toEqual(['erp-connector', 'order-ingest']);
    expect(manifest.services[1]).toEqual({ name: 'order-ingest', port: 3001, database: 'order_ingest', scope: 'order-ingest' });
    expect(manifest.infrastructureDatabases).toEqual(['schema_registry']);
  });

  it('refuses a port two services claim, naming both', () => {
    const raw = valid();
    raw.services[1] = { name: 'order-ingest', port: 3004, database: 'order_ingest', scope: 'order-ingest' };
    expect(problemsOf(raw)).toEqual(['port 3004 is claimed by erp-connector and order-ingest']);
  });

  it('refuses a duplicate name', () => {
    const raw = valid();
    raw.services.push({ name: 'order-ingest', port: 3009, database: 'order_ingest', scope: 'order-ingest' });
    expect(problemsOf(raw)).toEqual([
      'name "order-ingest" is claimed by services[1] and services[2]',
      'database "order_ingest" is claimed by order-ingest and order-ingest',
    ]);
  });

  it('refuses a service database that is also an infrastructure database', () => {
    const raw = valid();
    raw.infrastructureDatabases.push('order_ingest');
    expect(problemsOf(raw)).toEqual(['database "order_ingest" is claimed by order-ingest and infrastructureDatabases']);
  });

  it('refuses names that are not kebab-case and databases that are not the name with underscores', () => {
    const raw = valid();
    raw.services.push({ name: 'Shipment_Events', port: 3006, database: 'shipment_events', scope: 'shipment-events' });
    raw.services.push({ name: 'returns', port: 3007, database: 'returns_db', scope: 'returns' });
    expect(problemsOf(raw)).toEqual([
      'services[2] (Shipment_Events).name: "Shipment_Events" is not a kebab-case name (e.g. "shipment-events")',
      'services[3] (returns).database: "returns_db" must be the name with underscores, "returns"',
    ]);
  });

  it('reports every problem of a service at once, and fields it does not know', () => {
    const raw = { ...valid(), services: [{ name: 'finance-recon', port: 70000, databse: 'finance_recon', scope: '' }] };
    expect(problemsOf(raw)).toEqual([
      'services[0] (finance-recon): unknown field "databse" (known: name, port, database, scope)',
      'services[0] (finance-recon).port: 70000 is not a TCP port',
      'services[0] (finance-recon).scope: "" is not a kebab-case scope',
      'services[0] (finance-recon).database: undefined must be the name with underscores, "finance_recon"',
    ]);
  });

  it('refuses an empty service list and bad infrastructure database names', () => {
    expect(problemsOf({ services: [], infrastructureDatabases: ['Schema-Registry'] })).toEqual([
      'services: must be a non-empty list',
      'infrastructureDatabases[0]: "Schema-Registry" is not a PostgreSQL database name (lower case, digits, underscores)',
    ]);
  });

  it('names the file when it is not JSON', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'services-manifest-'));
    try {
      writeFileSync(path.join(dir, 'services.json'), '{ "services": [ }');
      expect(() => readServicesManifest(path.join(dir, 'services.json'))).toThrow(/services\.json is invalid:\n {2}- .*JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('accepts the repository manifest', () => {
    expect(readServicesManifest().services.length).toBeGreaterThan(0);
  });
});
