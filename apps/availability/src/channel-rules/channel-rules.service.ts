import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG } from '@crossdock/config';
import { OBSERVABILITY_LOGGER } from '@crossdock/observability';
import { loadChannelRules, type ChannelRuleSet } from '@crossdock/availability/domain';
import type { AvailabilityConfig } from '../config/availability-config.schema';
import { PrismaService } from '../prisma/prisma.service';

/**
 * The channel rules in force. The versioned YAML in the repository is the source; the database
 * keeps every version the service ever ran, so an older deployment (or a file that forgot to
 * raise `version`) can never roll the rules back or silently change what a version means.
 */
@Injectable()
export class ChannelRulesService implements OnModuleInit {
  private current: ChannelRuleSet | undefined;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) private readonly config: AvailabilityConfig,
    @Inject(OBSERVABILITY_LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): Promise<void> {
    this.loading ??= this.load();
    return this.loading;
  }

  rules(): ChannelRuleSet {
    if (!this.current) throw new Error('channel rules are not loaded yet');
    return this.current;
  }

  private async load(): Promise<void> {
    const path = isAbsolute(this.config.CHANNEL_RULES_PATH) ? this.config.CHANNEL_RULES_PATH : resolve(process.cwd(), this.config.CHANNEL_RULES_PATH);
    const yaml = await readFile(path, 'utf8');
    const fromFile = loadChannelRules(yaml);
    const sha256 = createHash('sha256').update(yaml).digest('hex');
    await this.prisma.$connect();
    const stored = await this.prisma.channelRulesVersion.findUnique({ where: { version: fromFile.version } });
    if (stored && stored.sha256 !== sha256) {
      throw new Error(
        `channel rules version ${fromFile.version} in ${path} differs from the stored version ${fromFile.version}; raise \`version\` when rules change`,
      );
    }
    if (!stored) {
      await this.prisma.channelRulesVersion.upsert({
        where: { version: fromFile.version },
        create: { version: fromFile.version, yaml, sha256 },
        update: {},
      });
    }
    const highest = await this.prisma.channelRulesVersion.findFirstOrThrow({ orderBy: { version: 'desc' } });
    if (highest.version !== fromFile.version) {
      this.logger.warn(
        { fileVersion: fromFile.version, storedVersion: highest.version },
        'channel rules file is older than the stored rules; running the stored version',
      );
    }
    this.current = highest.version === fromFile.version ? fromFile : loadChannelRules(highest.yaml);
    this.logger.info({ version: this.current.version, path }, 'channel rules loaded');
  }
}
