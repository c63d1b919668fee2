import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { checkAgainstHistory } from './compatibility-check';
import { deadLetterSchema, FIXTURE_CATALOG, stockSchema } from './contract.fixtures';
import { loadContractSet, workingTreeSource } from './contract-set';
import { gitIn, type Git } from './git-history';

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

/** A throw-away repository with the fixture contracts; each spec commits and edits it like a developer. */
class Repo {
  readonly root = mkdtempSync(path.join(tmpdir(), 'contracts-history-'));
  readonly git: Git = gitIn(this.root);

  constructor() {
    roots.push(this.root);
    this.git(['init', '--quiet']);
    this.write('schemas/catalog.yaml', FIXTURE_CATALOG);
    this.writeJson('schemas/avro/inventory/stock-level.avsc', stockSchema());
    this.writeJson('schemas/avro/platform/dead-letter.avsc', deadLetterSchema());
  }

  write(file: string, text: string): void {
    mkdirSync(path.dirname(path.join(this.root, file)), { recursive: true });
    writeFileSync(path.join(this.root, file), text);
  }

  writeJson(file: string, json: unknown): void {
    this.write(file, JSON.stringify(json, null, 2));
  }

  commit(message: string): void {
    this.git(['add', '-A']);
    this.git(['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', 'commit', '--quiet', '-m', message]);
  }

  check() {
    return checkAgainstHistory(loadContractSet(workingTreeSource(this.root)), this.git);
  }
}

const STOCK = 'schemas/avro/inventory/stock-level.avsc';

describe('checkAgainstHistory', () => {
  it('only validates the working tree before the first commit', () => {
    const report = new Repo().check();
    expect(report.problems).toEqual([]);
    expect(report.notes).toEqual(['no git history yet: only the working tree was validated']);
  });

  it('passes when a field is added with a default', () => {
    const repo = new Repo();
    repo.commit('v1');
    repo.writeJson(STOCK, stockSchema([{ name: 'gtin', type: ['null', 'string'], default: null, doc: 'GTIN.' }]));
    const report = repo.check();
    expect(report.problems).toEqual([]);
    expect(report.notes).toContain(`${STOCK}: checked against 1 earlier version(s)`);
  });

  it('fails when a field is added without a default, naming file and commit', () => {
    const repo = new Repo();
    repo.commit('v1');
    repo.writeJson(STOCK, stockSchema([{ name: 'gtin', type: 'string', doc: 'GTIN.' }]));
    expect(repo.check().problems).toEqual([
      expect.stringMatching(
        /^schemas\/avro\/inventory\/stock-level\.avsc cannot read data written with schemas\/avro\/inventory\/stock-level\.avsc@[0-9a-f]{8} \(BACKWARD\)/,
      ),
    ]);
  });

  it('checks against every earlier version, not only the last one', () => {
    const repo = new Repo();
    repo.writeJson(STOCK, stockSchema([{ name: 'pallets', type: 'int', doc: 'Pallets.' }]));
    repo.commit('v1 with an int field');
    repo.writeJson(STOCK, stockSchema());
    repo.commit('v2 drops it');
    repo.writeJson(STOCK, stockSchema([{ name: 'pallets', type: 'string', default: '', doc: 'Pallets, now text.' }]));
    const problems = repo.check().problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/pallets|int|string/i);
  });

  it('fails when the catalog changes a key format under the same topic name', () => {
    const repo = new Repo();
    repo.commit('v1');
    repo.write('schemas/catalog.yaml', FIXTURE_CATALOG.replace("'{sku}@{locationId}'", "'{locationId}/{sku}'"));
    expect(repo.check().problems).toEqual([expect.stringMatching(/crossdock\.inventory\.stock-level\.v1: key format changed/)]);
  });

  it('follows a schema moved to another file through the catalog', () => {
    const repo = new Repo();
    repo.commit('v1');
    renameSync(path.join(repo.root, STOCK), path.join(repo.root, 'schemas/avro/inventory/stock.avsc'));
    repo.writeJson('schemas/avro/inventory/stock.avsc', stockSchema([{ name: 'gtin', type: 'string', doc: 'GTIN.' }]));
    repo.write('schemas/catalog.yaml', FIXTURE_CATALOG.replace('inventory/stock-level.avsc', 'inventory/stock.avsc'));
    expect(repo.check().problems).toEqual([expect.stringMatching(/stock\.avsc cannot read data written with schemas\/avro\/inventory\/stock-level\.avsc@/)]);
  });
});
