import * as avro from 'avsc';
import { subjectName, type TopicDefinition } from '@crossdock/contracts';
import { statusOf, type CompatibilityLevel, type RegistryAdminApi } from './registry-admin.api';

/** Within a topic the value schema evolves BACKWARD-compatibly; a breaking change is a new topic. */
export const SUBJECT_COMPATIBILITY: CompatibilityLevel = 'BACKWARD';

export type SubjectAction = 'registered' | 'unchanged';

export interface SubjectChange {
  readonly key: string;
  readonly subject: string;
  readonly action: SubjectAction;
  readonly schemaId: number;
  readonly version: number | undefined;
  readonly compatibility: CompatibilityLevel;
  /** True when this run set the subject's level (it was missing or different). */
  readonly compatibilityChanged: boolean;
}

export interface SubjectRejection {
  readonly key: string;
  readonly topic: string;
  readonly subject: string;
  readonly reason: string;
}

/** The registry refused one or more value schemas; nothing was registered for them. */
export class SchemaRejectedError extends Error {
  constructor(readonly rejections: readonly SubjectRejection[]) {
    super(
      `Schema registry rejected ${rejections.length} value schema(s):\n${rejections
        .map((rejection) => `  - subject ${rejection.subject} (topic ${rejection.topic}, catalog key ${rejection.key}): ${rejection.reason}`)
        .join('\n')}\nA breaking change needs a new major version of the topic (see schemas/README.md).`,
    );
    this.name = 'SchemaRejectedError';
  }
}

export interface PlannedSubject {
  readonly definition: TopicDefinition;
  readonly subject: string;
  readonly schema: string;
  readonly existing: { readonly id: number; readonly version: number } | undefined;
  readonly subjectExists: boolean;
  compatibilityChanged: boolean;
}

/**
 * Two phases so that an incompatible schema stops the whole run before Kafka is touched: `plan`
 * sets BACKWARD on existing subjects and asks the registry whether each new schema would be
 * accepted; `register` then registers what is new.
 */
export class SchemaReconciler {
  constructor(
    private readonly api: RegistryAdminApi,
    private readonly namespace: string,
  ) {}

  async plan(definitions: readonly TopicDefinition[]): Promise<PlannedSubject[]> {
    const planned: PlannedSubject[] = [];
    const rejections: SubjectRejection[] = [];
    for (const definition of definitions) {
      const subject = subjectName(definition, this.namespace);
      // Registered exactly as messaging's serde looks it up (JSON.stringify of the contract's schema).
      const schema = JSON.stringify(definition.valueSchema);
      const latest = await this.api.latestVersion(subject);
      const subjectExists = latest !== undefined;
      const existing = subjectExists ? await this.api.lookup(subject, schema) : undefined;
      const entry: PlannedSubject = { definition, subject, schema, existing, subjectExists, compatibilityChanged: false };
      planned.push(entry);
      if (!subjectExists) continue;
      entry.compatibilityChanged = await this.ensureCompatibility(subject);
      if (existing) continue;
      const verdict = await this.api.testCompatibility(subject, schema);
      if (!verdict.compatible) {
        rejections.push({ key: definition.key, topic: definition.name, subject, reason: reasonOf(verdict.messages, schema, latest?.schema) });
      }
    }
    if (rejections.length > 0) throw new SchemaRejectedError(rejections);
    return planned;
  }

  async register(planned: readonly PlannedSubject[]): Promise<SubjectChange[]> {
    const changes: SubjectChange[] = [];
    for (const entry of planned) {
      const { definition, subject } = entry;
      if (entry.existing) {
        changes.push({ ...this.change(entry, 'unchanged'), schemaId: entry.existing.id, version: entry.existing.version });
        continue;
      }
      let schemaId: number;
      try {
        schemaId = await this.api.register(subject, entry.schema);
      } catch (error) {
        // 409: made incompatible by a concurrent registration since plan(); 422: invalid schema.
        const status = statusOf(error);
        if (status === 409 || status === 422) {
          throw new SchemaRejectedError([{ key: definition.key, topic: definition.name, subject, reason: errorText(error) }]);
        }
        throw error;
      }
      // A subject's level can only be set once it exists in some registries (Apicurio), and its
      // first version is accepted whatever the level, so new subjects get it right after.
      if (!entry.subjectExists) entry.compatibilityChanged = await this.ensureCompatibility(subject);
      const registered = await this.api.lookup(subject, entry.schema);
      changes.push({ ...this.change(entry, 'registered'), schemaId, version: registered?.version });
    }
    return changes;
  }

  private change(entry: PlannedSubject, action: SubjectAction): Omit<SubjectChange, 'schemaId' | 'version'> {
    return {
      key: entry.definition.key,
      subject: entry.subject,
      action,
      compatibility: SUBJECT_COMPATIBILITY,
      compatibilityChanged: entry.compatibilityChanged,
    };
  }

  /**
   * Pins the subject's own level even when it reads BACKWARD already: Apicurio reports the global
   * level for a subject without one, and a subject must stay BACKWARD if the global level changes.
   * Returns whether the level it had (as far as the registry tells) was different.
   */
  private async ensureCompatibility(subject: string): Promise<boolean> {
    const before = await this.api.compatibility(subject);
    await this.api.setCompatibility(subject, SUBJECT_COMPATIBILITY);
    return before !== SUBJECT_COMPATIBILITY;
  }
}

/**
 * The registry's reasons when it gives any. Apicurio's compatibility endpoint answers a bare
 * `{"is_compatible": false}` (no `messages`, `verbose` ignored), so explain with avsc's resolver
 * against the latest registered version instead.
 */
function reasonOf(messages: readonly string[], schema: string, latest: string | undefined): string {
  if (messages.length > 0) return messages.join('; ');
  const fallback = `not ${SUBJECT_COMPATIBILITY} compatible with the latest registered version`;
  if (latest === undefined) return fallback;
  try {
    avro.Type.forSchema(JSON.parse(schema) as avro.Schema).createResolver(avro.Type.forSchema(JSON.parse(latest) as avro.Schema));
    return fallback;
  } catch (error) {
    return `${fallback}: ${errorText(error)}`;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
