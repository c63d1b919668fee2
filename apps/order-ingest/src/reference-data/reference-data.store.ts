import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG } from '@crossdock/config';
import { OBSERVABILITY_LOGGER } from '@crossdock/observability';
import {
  indexReferenceData,
  mergeReferenceData,
  parseReferenceDataFile,
  type ReferenceCatalog,
  ReferenceDataError,
  type ReferenceDataFile,
} from '@crossdock/order-ingest/domain';
import type { OrderIngestConfig } from '../config/order-ingest-config.schema';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma/prisma.service';

export interface LoadedRevision {
  readonly kind: string;
  readonly revision: string;
  /** True when this load stored the revision; false when the database already had it. */
  readonly stored: boolean;
}

/**
 * Reference data lives in order-ingest's database, loaded from the versioned YAML files in the repo.
 * A load stores each file's revision once (idempotent: the same revision again is a no-op), marks it
 * the active revision of its kind, and rebuilds the in-memory catalog from the active revisions in
 * the database, so what the rules read is always what the database says. A file whose content
 * changed without a new `revision` is refused: the revision recorded on every decision must mean
 * one exact text.
 */
@Injectable()
export class ReferenceDataStore {
  private catalog: ReferenceCatalog | undefined;

  constructor(
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) private readonly config: OrderIngestConfig,
    @Inject(OBSERVABILITY_LOGGER) private readonly logger: Logger,
  ) {}

  current(): ReferenceCatalog {
    if (!this.catalog) throw new Error('reference data not loaded yet');
    return this.catalog;
  }

  /** Reads REFERENCE_DATA_DIR, stores new revisions, activates them and swaps the catalog. */
  async loadFromFiles(dir = this.config.REFERENCE_DATA_DIR): Promise<readonly LoadedRevision[]> {
    const names = (await readdir(dir)).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')).sort();
    const files = await Promise.all(
      names.map(async (name) => {
        const text = await readFile(join(dir, name), 'utf8');
        return { name, sha256: createHash('sha256').update(text).digest('hex'), parsed: parseReferenceDataFile(text, name) };
      }),
    );
    // Cross-file checks (unknown accounts, duplicates) before anything is stored.
    mergeReferenceData(files.map((f) => f.parsed));
    const loaded = await this.prisma.$transaction(async (tx) => {
      const results: LoadedRevision[] = [];
      for (const file of files) {
        const key = { kind: file.parsed.kind, revision: file.parsed.revision };
        const existing = await tx.referenceDataRevision.findUnique({ where: { kind_revision: key } });
        if (existing && existing.sha256 !== file.sha256) {
          throw new ReferenceDataError(file.name, [`revision '${key.revision}' of '${key.kind}' is already loaded with different content; bump 'revision'`]);
        }
        if (!existing) {
          await tx.referenceDataRevision.create({
            data: { ...key, sha256: file.sha256, sourceFile: file.name, content: file.parsed as unknown as Prisma.InputJsonValue },
          });
        } else if (!(await this.isActive(tx, key.kind, key.revision))) {
          // Rolling back to an older file is a deliberate act: it becomes the active revision again.
          await tx.referenceDataRevision.update({ where: { kind_revision: key }, data: { activatedAt: new Date() } });
        }
        results.push({ ...key, stored: !existing });
      }
      return results;
    });
    await this.refresh();
    this.logger.info({ revisions: loaded }, 'reference data loaded');
    return loaded;
  }

  /** Rebuilds the catalog from the active revision of each kind in the database. */
  async refresh(): Promise<ReferenceCatalog> {
    const rows = await this.prisma.referenceDataRevision.findMany({
      orderBy: [{ kind: 'asc' }, { activatedAt: 'desc' }],
      distinct: ['kind'],
    });
    const files = rows.map((row) => row.content as unknown as ReferenceDataFile);
    this.catalog = indexReferenceData(mergeReferenceData(files));
    return this.catalog;
  }

  private async isActive(tx: Prisma.TransactionClient, kind: string, revision: string): Promise<boolean> {
    const active = await tx.referenceDataRevision.findFirst({ where: { kind }, orderBy: { activatedAt: 'desc' } });
    return active?.revision === revision;
  }
}
