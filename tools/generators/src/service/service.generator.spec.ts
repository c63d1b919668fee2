import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import type { Tree } from '@nx/devkit';
import { serviceGenerator } from './service.generator';

function workspaceWithManifest(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  tree.write(
    'infra/services.json',
    JSON.stringify({
      services: [{ name: 'order-ingest', port: 3001, database: 'order_ingest', scope: 'order-ingest' }],
      infrastructureDatabases: ['schema_registry'],
    }),
  );
  return tree;
}

describe('service generator', () => {
  it('registers the service in the manifest with the next port and its database', async () => {
    const tree = workspaceWithManifest();
    await serviceGenerator(tree, { name: 'shipment-events', skipDatabase: true });

    const manifest = JSON.parse(tree.read('infra/services.json', 'utf8') ?? '{}');
    expect(manifest.services).toContainEqual({ name: 'shipment-events', port: 3002, database: 'shipment_events', scope: 'shipment-events' });
    expect(manifest.infrastructureDatabases).toEqual(['schema_registry']);
  });

  it('writes the app and its domain lib with the name in them', async () => {
    const tree = workspaceWithManifest();
    await serviceGenerator(tree, { name: 'shipment-events', skipDatabase: true });

    expect(tree.read('apps/shipment-events/src/shipment-events.app.ts', 'utf8')).toContain("name: 'shipment-events'");
    expect(tree.read('apps/shipment-events/project.json', 'utf8')).toContain('"scope:shipment-events"');
    expect(tree.read('libs/shipment-events/domain/project.json', 'utf8')).toContain('"layer:domain"');
    expect(tree.exists('apps/shipment-events/prisma/schema.prisma')).toBe(true);
    const tsconfig = JSON.parse(tree.read('tsconfig.base.json', 'utf8') ?? '{}') as { compilerOptions: { paths: Record<string, string[]> } };
    expect(tsconfig.compilerOptions.paths['@crossdock/shipment-events/domain']).toEqual(['libs/shipment-events/domain/src/index.ts']);
    expect(tree.exists('apps/shipment-events/src/test-support/shipment-events.harness.ts')).toBe(true);
    // Templates lose their suffix; nothing is left half-substituted.
    const written = tree.listChanges().map((change) => change.path);
    expect(written.filter((path) => path.endsWith('.template') || path.includes('__'))).toEqual([]);
    for (const path of written.filter((p) => p.endsWith('.ts'))) expect(tree.read(path, 'utf8')).not.toMatch(/<%|%>/);
  });

  it('refuses a name that is not kebab case, or one the manifest already has', async () => {
    await expect(serviceGenerator(workspaceWithManifest(), { name: 'Shipment_Events', skipDatabase: true })).rejects.toThrow(/kebab case/);
    await expect(serviceGenerator(workspaceWithManifest(), { name: 'order-ingest', skipDatabase: true })).rejects.toThrow(/already lists order-ingest/);
  });

  it('refuses a port another service has', async () => {
    await expect(serviceGenerator(workspaceWithManifest(), { name: 'returns', port: 3001, skipDatabase: true })).rejects.toThrow(/port 3001 is taken/);
  });
});
