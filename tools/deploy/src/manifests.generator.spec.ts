import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { AllTopics } from '@crossdock/contracts';
import { readServicesManifest, type ServicesManifest } from '@crossdock/tools/services';
import {
  GENERATED_DIR,
  memoryMiB,
  renderManifests,
  REPO_ROOT,
  TERMINATION_GRACE_SECONDS,
  UNCAPPED_MEMORY_MIB,
  type ManifestInputs,
} from './manifests.generator';

interface KubeObject {
  readonly kind: string;
  readonly metadata: { readonly name: string };
  readonly spec: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a manifest's spec, read as the test needs
}

const runtime = createRequire(__filename)(path.join(REPO_ROOT, 'infra', 'node', 'node-args.js')) as { nodeArgs(service: string): string[] };
const inputs = (manifest: ServicesManifest = readServicesManifest()): ManifestInputs => ({
  manifest,
  topics: AllTopics,
  nodeArgs: (service) => runtime.nodeArgs(service),
});
const objects = (text: string): KubeObject[] => parseAllDocuments(text).map((document) => document.toJS() as KubeObject);

describe('Kubernetes manifests generator', () => {
  const manifest = readServicesManifest();
  const files = renderManifests(inputs());

  it('deploys every service of infra/services.json: two replicas started by name, its port, its probes, its database', () => {
    const deployments = objects(files['services.yaml'] ?? '').filter((object) => object.kind === 'Deployment');
    expect(deployments.map((deployment) => deployment.metadata.name)).toEqual(manifest.services.map((service) => service.name));
    for (const service of manifest.services) {
      const deployment = deployments.find((candidate) => candidate.metadata.name === service.name);
      const pod = deployment?.spec['template'].spec;
      const container = pod.containers[0];
      expect(deployment?.spec['replicas']).toBe(2);
      expect(container.args).toEqual([service.name]);
      expect(container.ports).toEqual([{ name: 'http', containerPort: service.port }]);
      expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
      expect(container.livenessProbe.httpGet.path).toBe('/health/live');
      expect(pod.terminationGracePeriodSeconds).toBe(TERMINATION_GRACE_SECONDS);
      expect(container.env.find((variable: { name: string }) => variable.name === 'DATABASE_URL').value).toContain(`:5432/${service.database}`);
    }
  });

  it("sizes a service's memory from its heap caps, and an uncapped one generously", () => {
    expect(memoryMiB(['--max-old-space-size=192', '--max-semi-space-size=8'])).toBe(512);
    expect(memoryMiB(['--max-old-space-size=512'])).toBe(832);
    expect(memoryMiB(['--no-allocation-site-pretenuring'])).toBe(UNCAPPED_MEMORY_MIB);
    const orderIngest = objects(files['services.yaml'] ?? '').find((object) => object.kind === 'Deployment' && object.metadata.name === 'order-ingest');
    expect(orderIngest?.spec['template'].spec.containers[0].resources.limits.memory).toBe(`${memoryMiB(runtime.nodeArgs('order-ingest'))}Mi`);
  });

  it('gives a service added to the manifest its Deployment, role, database and init-job connection', () => {
    const added = {
      ...manifest,
      services: [...manifest.services, { name: 'example-service', port: 3999, database: 'example_service', scope: 'example-service' }],
    };
    const rendered = renderManifests(inputs(added));
    expect(
      objects(rendered['services.yaml'] ?? '')
        .filter((object) => object.metadata.name === 'example-service')
        .map((object) => object.kind),
    ).toEqual(['Deployment', 'Service', 'PodDisruptionBudget']);
    const postgres = objects(rendered['postgres.yaml'] ?? '');
    expect(postgres.find((object) => object.kind === 'Cluster')?.spec['managed'].roles.at(-1)).toMatchObject({
      name: 'example_service',
      passwordSecret: { name: 'crossdock-db-example-service' },
    });
    expect(postgres.at(-1)).toMatchObject({ kind: 'Database', spec: { name: 'example_service', owner: 'example_service' } });
    expect(rendered['init-job.yaml']).toContain('name: DATABASE_URL_EXAMPLE_SERVICE');
  });

  it('declares every catalog topic (and dead-letter topic) as contracts:apply creates it', () => {
    const topics = objects(files['topics.yaml'] ?? '');
    expect(topics.map((topic) => topic.spec['topicName'])).toEqual(AllTopics.map((topic) => topic.name));
    for (const topic of AllTopics) {
      const resource = topics.find((candidate) => candidate.spec['topicName'] === topic.name);
      expect(resource?.spec).toMatchObject({ partitions: topic.partitions, config: topic.configs });
      expect(resource?.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    }
  });
});

describe(`${GENERATED_DIR} on disk`, () => {
  it('is what the generator writes (npm run deploy:manifests)', () => {
    for (const [name, text] of Object.entries(renderManifests(inputs()))) {
      const file = path.join(REPO_ROOT, GENERATED_DIR, name);
      expect(existsSync(file) && readFileSync(file, 'utf8') === text).toBe(true);
    }
  });
});
