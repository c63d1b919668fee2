import * as path from 'node:path';
import { GENERATED_DIR, REPO_ROOT } from './contract-paths';
import { loadContractSet, workingTreeSource } from './contract-set';
import { generateModules } from './generate';
import { syncGeneratedFiles } from './generated-files';

describe('generated contracts in the repository', () => {
  const modules = generateModules(loadContractSet(workingTreeSource()));

  it('are up to date with schemas/ (run `npm run contracts:generate` when this fails)', () => {
    expect(syncGeneratedFiles(path.join(REPO_ROOT, GENERATED_DIR), modules, true)).toEqual({ changed: [], obsolete: [] });
  });

  it('are deterministic', () => {
    expect(generateModules(loadContractSet(workingTreeSource()))).toEqual(modules);
  });

  it('register every topic with its key format and schema', () => {
    const topics = modules.get('topics.ts') ?? '';
    expect(topics).toContain("wmsInventoryPositions: defineTopic<InventoryPosition, '{sku}@{locationId}'>({");
    expect(topics).toContain('valueSchema: channelOrderSchema,');
    expect(topics).toContain("'order-ingest': Topics.orderIngestDeadLetters,");
  });
});
