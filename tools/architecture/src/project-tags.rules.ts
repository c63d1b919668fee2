import type { DepConstraint } from './eslint-boundaries.loader';
import type { ServiceEntry, WorkspaceProject } from './workspace.loader';

// Nx's module-boundary rule only applies constraints whose sourceTag a project carries: a project
// tagged `scope:order-ingset` or `layer:domian`, or with no scope at all, is silently unfenced.
// These rules catch exactly that, and keep apps/ and the services manifest in step.

export const SHARED_SCOPE = 'shared';

/** Layer a project of each type must carry; libs choose among the rest. */
const APP_LAYER = 'layer:app';
const TOOL_LAYER = 'layer:tooling';
const TYPES = ['type:app', 'type:lib', 'type:tool'];

const tagsWith = (project: WorkspaceProject, prefix: string) => project.tags.filter((tag) => tag.startsWith(prefix));
const typeOf = (project: WorkspaceProject) => tagsWith(project, 'type:')[0];

/** Every scope tag names a service scope of the manifest (or `shared`); apps and libs carry exactly one. */
export function scopeTagProblems(projects: readonly WorkspaceProject[], services: readonly ServiceEntry[]): string[] {
  const known = new Set([...services.map((service) => service.scope), SHARED_SCOPE]);
  const problems: string[] = [];
  for (const project of projects) {
    const scopes = tagsWith(project, 'scope:');
    for (const tag of scopes) {
      if (!known.has(tag.slice('scope:'.length))) {
        problems.push(`${project.root}: ${tag} is no scope of infra/services.json (known: ${[...known].sort().join(', ')})`);
      }
    }
    const type = typeOf(project);
    if ((type === 'type:app' || type === 'type:lib') && scopes.length !== 1) {
      problems.push(`${project.root}: ${type} needs exactly one scope: tag, has ${scopes.length === 0 ? 'none' : scopes.join(', ')}`);
    }
  }
  return problems;
}

/** Every project has one type and one known layer: apps layer:app, tools layer:tooling, libs another one. */
export function layerTagProblems(projects: readonly WorkspaceProject[], layers: readonly string[]): string[] {
  const problems: string[] = [];
  const libLayers = layers.filter((layer) => layer !== APP_LAYER && layer !== TOOL_LAYER);
  for (const project of projects) {
    const types = tagsWith(project, 'type:');
    if (types.length !== 1 || !TYPES.includes(types[0] ?? '')) {
      problems.push(`${project.root}: needs exactly one of ${TYPES.join(', ')}, has ${types.join(', ') || 'none'}`);
      continue;
    }
    const projectLayers = tagsWith(project, 'layer:');
    const allowed = types[0] === 'type:app' ? [APP_LAYER] : types[0] === 'type:tool' ? [TOOL_LAYER] : libLayers;
    if (projectLayers.length !== 1 || !allowed.includes(projectLayers[0] ?? '')) {
      problems.push(`${project.root}: ${types[0]} needs exactly one of ${allowed.join(', ')}, has ${projectLayers.join(', ') || 'none'}`);
    }
  }
  return problems;
}

/** Each service of the manifest is the app apps/<name> with the manifest's scope, and each app is a service. */
export function serviceAppProblems(projects: readonly WorkspaceProject[], services: readonly ServiceEntry[]): string[] {
  const problems: string[] = [];
  const byRoot = new Map(projects.map((project) => [project.root, project]));
  for (const service of services) {
    const app = byRoot.get(`apps/${service.name}`);
    if (!app) {
      problems.push(`infra/services.json: ${service.name} has no apps/${service.name}/project.json`);
      continue;
    }
    if (typeOf(app) !== 'type:app') problems.push(`apps/${service.name}: a service's project is tagged type:app`);
    if (!app.tags.includes(`scope:${service.scope}`)) {
      problems.push(`apps/${service.name}: infra/services.json gives it scope:${service.scope}, its tags are ${app.tags.join(', ')}`);
    }
  }
  const names = new Set(services.map((service) => service.name));
  for (const project of projects) {
    if (typeOf(project) === 'type:app' && !names.has(project.root.replace(/^apps\//, ''))) {
      problems.push(`${project.root}: an app that is no service of infra/services.json (it would never be started or fenced)`);
    }
  }
  return problems;
}

/** The boundary rule has a constraint for every scope of the manifest and every scope or layer a project carries. */
export function boundaryCoverageProblems(
  projects: readonly WorkspaceProject[],
  services: readonly ServiceEntry[],
  constraints: readonly DepConstraint[],
): string[] {
  const constrained = new Set(constraints.map((constraint) => constraint.sourceTag));
  const needed = new Map<string, string>();
  for (const service of services) needed.set(`scope:${service.scope}`, `infra/services.json (${service.name})`);
  for (const project of projects) {
    for (const tag of project.tags) {
      if ((tag.startsWith('scope:') || tag.startsWith('layer:')) && !needed.has(tag)) needed.set(tag, project.root);
    }
  }
  return [...needed]
    .filter(([tag]) => !constrained.has(tag))
    .map(([tag, where]) => `eslint.config.mjs: no module-boundary constraint for ${tag} (used by ${where}), so nothing fences it`);
}
