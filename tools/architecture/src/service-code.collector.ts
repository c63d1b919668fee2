import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanTopicReferences, type TopicReference } from './topic-references.scanner';
import { WORKSPACE_ROOT, type ServiceEntry, type WorkspaceProject } from './workspace.loader';

/**
 * Production code of one service, or of a lib its scope shares between several services (the
 * connectors' libs serve erp-connector and wms-connector, so their references belong to either).
 */
export interface ServiceCode {
  readonly services: readonly string[];
  /** Project root the code comes from, for messages. */
  readonly origin: string;
  readonly references: readonly TopicReference[];
}

export interface ServiceCodeScan {
  readonly code: readonly ServiceCode[];
  readonly problems: readonly string[];
}

/** Tests and their helpers are not what a service runs. */
function isProductionFile(path: string): boolean {
  return path.endsWith('.ts') && !/\.(spec|int-spec)\.ts$/.test(path) && !path.split('/').includes('test-support');
}

function productionFiles(root: string, folder: string): string[] {
  const files: string[] = [];
  const visit = (dir: string): void => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== 'generated') visit(path);
      else if (entry.isFile() && isProductionFile(path)) files.push(path);
    }
  };
  visit(folder);
  return files.sort();
}

/**
 * Every service's code: apps/<service>/src, plus the libs tagged with its scope, except
 * layer:testing libs (simulators, fixtures). Projects nested in another project's folder
 * (libs/channel-adapters/sp-api) are scanned as themselves only.
 */
export function collectServiceCode(projects: readonly WorkspaceProject[], services: readonly ServiceEntry[], root: string = WORKSPACE_ROOT): ServiceCodeScan {
  const code: ServiceCode[] = [];
  const problems: string[] = [];
  const scan = (services: readonly string[], project: WorkspaceProject, folder: string): void => {
    const nested = projects.filter((other) => other.root.startsWith(`${project.root}/`)).map((other) => `${other.root}/`);
    const references: TopicReference[] = [];
    for (const file of productionFiles(root, folder)) {
      if (nested.some((prefix) => file.startsWith(prefix))) continue;
      const result = scanTopicReferences(file, readFileSync(join(root, file), 'utf8'));
      references.push(...result.references);
      problems.push(...result.problems);
    }
    code.push({ services, origin: project.root, references });
  };
  for (const service of services) {
    const app = projects.find((project) => project.root === `apps/${service.name}`);
    if (app) scan([service.name], app, `${app.root}/src`);
  }
  for (const lib of projects.filter((project) => project.tags.includes('type:lib') && !project.tags.includes('layer:testing'))) {
    const scope = lib.tags.find((tag) => tag.startsWith('scope:'))?.slice('scope:'.length);
    const owners = services.filter((service) => service.scope === scope).map((service) => service.name);
    if (owners.length > 0) scan(owners, lib, lib.root);
  }
  return { code, problems };
}
