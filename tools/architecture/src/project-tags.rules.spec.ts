import { loadEslintBoundaries, type EslintBoundaries } from './eslint-boundaries.loader';
import { boundaryCoverageProblems, layerTagProblems, scopeTagProblems, serviceAppProblems } from './project-tags.rules';
import { loadServicesManifest, loadWorkspaceProjects, type ServiceEntry, type WorkspaceProject } from './workspace.loader';

const services: ServiceEntry[] = [
  { name: 'order-ingest', scope: 'order-ingest' },
  { name: 'erp-connector', scope: 'connectors' },
];
const layers = ['layer:contracts', 'layer:domain', 'layer:infrastructure', 'layer:testing', 'layer:app', 'layer:tooling'];
const project = (root: string, ...tags: string[]): WorkspaceProject => ({ name: root.split('/').join('-'), root, tags });
const fenced: WorkspaceProject[] = [
  project('apps/order-ingest', 'type:app', 'layer:app', 'scope:order-ingest'),
  project('apps/erp-connector', 'type:app', 'layer:app', 'scope:connectors'),
  project('libs/order-ingest/domain', 'type:lib', 'layer:domain', 'scope:order-ingest'),
  project('libs/contracts', 'type:lib', 'layer:contracts', 'scope:shared'),
  project('tools/demo', 'type:tool', 'layer:tooling'),
];

describe('scope tags', () => {
  it('accepts scopes of the manifest and shared', () => {
    expect(scopeTagProblems(fenced, services)).toEqual([]);
  });

  it('rejects a misspelt scope, which would leave the project unfenced', () => {
    const projects = [...fenced, project('libs/order-ingest/erp', 'type:lib', 'layer:infrastructure', 'scope:order-ingset')];
    expect(scopeTagProblems(projects, services)).toEqual([
      'libs/order-ingest/erp: scope:order-ingset is no scope of infra/services.json (known: connectors, order-ingest, shared)',
    ]);
  });

  it('rejects an app or lib without a scope, or with two', () => {
    const projects = [
      project('libs/config', 'type:lib', 'layer:infrastructure'),
      project('libs/both', 'type:lib', 'layer:domain', 'scope:order-ingest', 'scope:shared'),
    ];
    expect(scopeTagProblems(projects, services)).toEqual([
      'libs/config: type:lib needs exactly one scope: tag, has none',
      'libs/both: type:lib needs exactly one scope: tag, has scope:order-ingest, scope:shared',
    ]);
  });
});

describe('layer tags', () => {
  it('accepts one fitting layer per project', () => {
    expect(layerTagProblems(fenced, layers)).toEqual([]);
  });

  it('rejects a missing, unknown, doubled or misplaced layer, and a missing type', () => {
    const projects = [
      project('apps/order-ingest', 'type:app', 'scope:order-ingest'),
      project('libs/order-ingest/domain', 'type:lib', 'layer:domian', 'scope:order-ingest'),
      project('libs/messaging', 'type:lib', 'layer:infrastructure', 'layer:domain', 'scope:shared'),
      project('libs/testing', 'type:lib', 'layer:app', 'scope:shared'),
      project('bench', 'type:tool', 'layer:infrastructure'),
      project('tools/stray', 'layer:tooling'),
    ];
    expect(layerTagProblems(projects, layers)).toEqual([
      'apps/order-ingest: type:app needs exactly one of layer:app, has none',
      'libs/order-ingest/domain: type:lib needs exactly one of layer:contracts, layer:domain, layer:infrastructure, layer:testing, has layer:domian',
      'libs/messaging: type:lib needs exactly one of layer:contracts, layer:domain, layer:infrastructure, layer:testing, has layer:infrastructure, layer:domain',
      'libs/testing: type:lib needs exactly one of layer:contracts, layer:domain, layer:infrastructure, layer:testing, has layer:app',
      'bench: type:tool needs exactly one of layer:tooling, has layer:infrastructure',
      'tools/stray: needs exactly one of type:app, type:lib, type:tool, has none',
    ]);
  });
});

describe('services and apps', () => {
  it('accepts an app per service with the manifest scope', () => {
    expect(serviceAppProblems(fenced, services)).toEqual([]);
  });

  it('rejects a service without an app, an app with another scope, and an app the manifest does not list', () => {
    const projects = [
      project('apps/erp-connector', 'type:app', 'layer:app', 'scope:erp-connector'),
      project('apps/returns', 'type:app', 'layer:app', 'scope:returns'),
    ];
    expect(serviceAppProblems(projects, services)).toEqual([
      'infra/services.json: order-ingest has no apps/order-ingest/project.json',
      'apps/erp-connector: infra/services.json gives it scope:connectors, its tags are type:app, layer:app, scope:erp-connector',
      'apps/returns: an app that is no service of infra/services.json (it would never be started or fenced)',
    ]);
  });
});

describe('module-boundary coverage', () => {
  const constraints = [
    ...['scope:order-ingest', 'scope:connectors', 'scope:shared'].map((sourceTag) => ({ sourceTag, onlyDependOnLibsWithTags: [] })),
    ...layers.map((sourceTag) => ({ sourceTag, onlyDependOnLibsWithTags: [] })),
  ];

  it('accepts constraints for every scope and layer in use', () => {
    expect(boundaryCoverageProblems(fenced, services, constraints)).toEqual([]);
  });

  it('rejects a tag or manifest scope no constraint names', () => {
    const projects = [...fenced, project('libs/new', 'type:lib', 'layer:adapters', 'scope:shared')];
    const withoutConnectors = constraints.filter((constraint) => constraint.sourceTag !== 'scope:connectors');
    expect(boundaryCoverageProblems(projects, services, withoutConnectors)).toEqual([
      'eslint.config.mjs: no module-boundary constraint for scope:connectors (used by infra/services.json (erp-connector)), so nothing fences it',
      'eslint.config.mjs: no module-boundary constraint for layer:adapters (used by libs/new), so nothing fences it',
    ]);
  });
});

describe('the workspace', () => {
  const projects = loadWorkspaceProjects();
  const manifest = loadServicesManifest();
  let eslint: EslintBoundaries;
  beforeAll(() => {
    eslint = loadEslintBoundaries();
  });

  it('finds the projects and services it checks', () => {
    expect(projects.map((found) => found.root)).toEqual(expect.arrayContaining(['apps/order-ingest', 'libs/contracts', 'tools/architecture']));
    expect(manifest.map((service) => service.name)).toContain('order-ingest');
  });

  it('has eslint derive its service scopes from the manifest', () => {
    expect([...eslint.serviceScopes].sort()).toEqual([...new Set(manifest.map((service) => service.scope))].sort());
  });

  it('tags every project with a known scope', () => {
    expect(scopeTagProblems(projects, manifest)).toEqual([]);
  });

  it('tags every project with one type and one layer that eslint.config.mjs knows', () => {
    expect(layerTagProblems(projects, Object.keys(eslint.layerDependencies))).toEqual([]);
  });

  it('has an app for every service of the manifest, with its scope', () => {
    expect(serviceAppProblems(projects, manifest)).toEqual([]);
  });

  it('fences every scope and layer in use', () => {
    expect(boundaryCoverageProblems(projects, manifest, eslint.depConstraints)).toEqual([]);
  });
});
