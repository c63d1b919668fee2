import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { collectServiceCode } from './service-code.collector';
import type { WorkspaceProject } from './workspace.loader';

const uses = (topic: string) => `import { Topics } from '@crossdock/contracts';\nexport const t = Topics.${topic};\n`;

describe('collectServiceCode', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'architecture-'));
    const files: Record<string, string> = {
      'apps/erp-connector/src/feeds.ts': uses('itemMaster'),
      'apps/erp-connector/src/feeds.spec.ts': uses('ordersAccepted'),
      'apps/erp-connector/src/feeds.int-spec.ts': uses('ordersAccepted'),
      'apps/erp-connector/src/test-support/fixture.ts': uses('ordersAccepted'),
      'libs/connectors/domain/src/mapper.ts': uses('erpInventoryPositions'),
      'libs/connectors/domain/nested/src/other.ts': uses('ordersRejected'),
      'libs/connectors/simulators/src/sim.ts': uses('ordersAccepted'),
      'libs/messaging/src/shared.ts': uses('ordersAccepted'),
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(root, dirname(path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('takes each service its app and the libs of its scope, without tests, test helpers or testing libs', () => {
    const projects: WorkspaceProject[] = [
      { name: 'erp-connector', root: 'apps/erp-connector', tags: ['type:app', 'scope:connectors'] },
      { name: 'connectors-domain', root: 'libs/connectors/domain', tags: ['type:lib', 'layer:domain', 'scope:connectors'] },
      { name: 'nested', root: 'libs/connectors/domain/nested', tags: ['type:lib', 'layer:infrastructure', 'scope:other'] },
      { name: 'connectors-simulators', root: 'libs/connectors/simulators', tags: ['type:lib', 'layer:testing', 'scope:connectors'] },
      { name: 'messaging', root: 'libs/messaging', tags: ['type:lib', 'layer:infrastructure', 'scope:shared'] },
    ];
    const services = [
      { name: 'erp-connector', scope: 'connectors' },
      { name: 'wms-connector', scope: 'connectors' },
    ];
    const { code, problems } = collectServiceCode(projects, services, root);
    expect(problems).toEqual([]);
    expect(code.map((unit) => ({ services: unit.services, origin: unit.origin, topics: unit.references.map((reference) => reference.topic) }))).toEqual([
      { services: ['erp-connector'], origin: 'apps/erp-connector', topics: ['itemMaster'] },
      { services: ['erp-connector', 'wms-connector'], origin: 'libs/connectors/domain', topics: ['erpInventoryPositions'] },
    ]);
  });
});
