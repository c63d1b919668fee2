import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composedSchema, schemaFilesOf } from './schema-files';

describe('a service schema and the library fragments it includes', () => {
  let root: string;
  let schemaPath: string;
  const fragment = 'model EventOutbox {\n  id BigInt @id\n}\n';

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'crossdock-schema-files-'));
    await mkdir(join(root, 'apps/svc/prisma'), { recursive: true });
    await mkdir(join(root, 'libs/outbox/prisma'), { recursive: true });
    await writeFile(join(root, 'libs/outbox/prisma/outbox.prisma'), fragment);
    schemaPath = join(root, 'apps/svc/prisma/schema.prisma');
  });

  afterEach(() => rm(root, { recursive: true, force: true }));

  it('is the schema alone when it includes nothing', async () => {
    await writeFile(schemaPath, 'datasource db {\n  provider = "postgresql"\n}\n');
    expect(schemaFilesOf(schemaPath)).toEqual([schemaPath]);
  });

  it('resolves each include line relative to the schema, in order, and composes one snapshot text', async () => {
    const own = 'datasource db {\n  provider = "postgresql"\n}\n// include ../../../libs/outbox/prisma/outbox.prisma\nmodel Own {\n  id String @id\n}\n';
    await writeFile(schemaPath, own);
    expect(schemaFilesOf(schemaPath)).toEqual([schemaPath, join(root, 'libs/outbox/prisma/outbox.prisma')]);
    expect(composedSchema(schemaPath)).toBe(`${own}\n// ---- included: ../../../libs/outbox/prisma/outbox.prisma ----\n${fragment}`);
  });

  it('refuses a fragment included twice, and fails on one that does not exist', async () => {
    const include = '// include ../../../libs/outbox/prisma/outbox.prisma\n';
    await writeFile(schemaPath, include + include);
    expect(() => schemaFilesOf(schemaPath)).toThrow(/includes .*outbox\.prisma twice/);
    await writeFile(schemaPath, '// include ../missing.prisma\n');
    expect(() => composedSchema(schemaPath)).toThrow(/ENOENT/);
  });
});
