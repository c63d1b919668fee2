import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

/** The checkout these checks read: tools/architecture/src -> repository root. */
export const WORKSPACE_ROOT = resolve(__dirname, '../../..');

/** Folders that hold Nx projects (the same ones eslint.config.mjs searches). */
const PROJECT_FOLDERS = ['apps', 'libs', 'tools', 'bench'];

export interface WorkspaceProject {
  readonly name: string;
  /** Folder of its project.json, relative to the repository root, e.g. `libs/order-ingest/domain`. */
  readonly root: string;
  readonly tags: readonly string[];
}

export interface ServiceEntry {
  readonly name: string;
  readonly scope: string;
}

export interface CatalogTopic {
  /** Catalog key, the name code uses: `Topics.<key>`. */
  readonly key: string;
  readonly name: string;
  readonly owner: string;
  readonly consumers: readonly string[];
}

export function loadWorkspaceProjects(root: string = WORKSPACE_ROOT): WorkspaceProject[] {
  const projects: WorkspaceProject[] = [];
  const visit = (folder: string): void => {
    const entries = readdirSync(join(root, folder), { withFileTypes: true });
    if (entries.some((entry) => entry.isFile() && entry.name === 'project.json')) {
      const project = JSON.parse(readFileSync(join(root, folder, 'project.json'), 'utf8')) as { name?: string; tags?: string[] };
      projects.push({ name: project.name ?? folder, root: folder, tags: project.tags ?? [] });
    }
    for (const entry of entries) {
      if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.')) visit(`${folder}/${entry.name}`);
    }
  };
  for (const folder of PROJECT_FOLDERS) visit(folder);
  return projects.sort((a, b) => a.root.localeCompare(b.root));
}

export function loadServicesManifest(root: string = WORKSPACE_ROOT): ServiceEntry[] {
  const manifest = JSON.parse(readFileSync(join(root, 'infra/services.json'), 'utf8')) as { services?: unknown };
  if (!Array.isArray(manifest.services)) throw new Error('infra/services.json: `services` must be a list');
  return manifest.services.map((entry: unknown, index) => {
    const { name, scope } = (entry ?? {}) as { name?: unknown; scope?: unknown };
    if (typeof name !== 'string' || typeof scope !== 'string') {
      throw new Error(`infra/services.json: services[${index}] needs a string name and scope`);
    }
    return { name, scope };
  });
}

export function loadTopicCatalog(root: string = WORKSPACE_ROOT): CatalogTopic[] {
  const catalog = parse(readFileSync(join(root, 'schemas/catalog.yaml'), 'utf8')) as { topics?: Record<string, unknown> };
  return Object.entries(catalog.topics ?? {}).map(([key, value]) => {
    const { name, owner, consumers } = value as { name: string; owner: string; consumers?: string[] };
    return { key, name, owner, consumers: consumers ?? [] };
  });
}
