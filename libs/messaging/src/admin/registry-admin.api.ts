import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';

export type CompatibilityLevel = 'NONE' | 'BACKWARD' | 'BACKWARD_TRANSITIVE' | 'FORWARD' | 'FORWARD_TRANSITIVE' | 'FULL' | 'FULL_TRANSITIVE';

export interface RegisteredVersion {
  readonly id: number;
  readonly version: number;
  /** The schema text, when the registry returned it. */
  readonly schema?: string;
}

/** The schema-registry operations contract administration needs (Confluent REST API v7 paths). */
export interface RegistryAdminApi {
  /** `GET /subjects/{subject}/versions/latest`; undefined when the subject does not exist. */
  latestVersion(subject: string): Promise<RegisteredVersion | undefined>;
  /** `POST /subjects/{subject}`; undefined when this exact schema is not registered under the subject. */
  lookup(subject: string, schema: string): Promise<RegisteredVersion | undefined>;
  /**
   * `GET /config/{subject}`; undefined when the registry reports none. Apicurio answers with the
   * global level when the subject has none of its own, so this cannot tell the two apart.
   */
  compatibility(subject: string): Promise<CompatibilityLevel | undefined>;
  /** `PUT /config/{subject}`. */
  setCompatibility(subject: string, level: CompatibilityLevel): Promise<void>;
  /** `POST /compatibility/subjects/{subject}/versions/latest`, with the registry's reasons when not compatible. */
  testCompatibility(subject: string, schema: string): Promise<{ readonly compatible: boolean; readonly messages: readonly string[] }>;
  /** `POST /subjects/{subject}/versions`; returns the schema id. */
  register(subject: string, schema: string): Promise<number>;
}

/** Error from the registry's REST API, with the HTTP status when there was a response. */
export interface RegistryHttpError extends Error {
  readonly status?: number;
}

interface RestResponse {
  data(): unknown;
}

type RestCall<TParams> = (params: TParams) => Promise<RestResponse>;

interface SubjectResource {
  latestVersion: RestCall<{ subject: string }>;
  registered: RestCall<{ subject: string; body: { schema: string } }>;
  config: RestCall<{ subject: string }>;
  updateConfig: RestCall<{ subject: string; body: { compatibility: CompatibilityLevel } }>;
  compatible: RestCall<{ subject: string; version: string; body: { schema: string } }>;
  register: RestCall<{ subject: string; body: { schema: string } }>;
}

/**
 * Adapts a `SchemaRegistry` client. Its public API cannot read or set a subject's compatibility
 * level (`register(..., { compatibility })` only sets it after a first registration, and throws
 * when an existing subject has another level), so this goes through the client's own REST
 * resource (`api.Subject`, not part of its typings): same host, auth, retry and middlewares as the
 * client the caller configured, no second HTTP stack. Checked at run time so a library upgrade
 * that moves it fails loudly here.
 */
export function registryAdminApi(registry: SchemaRegistry): RegistryAdminApi {
  const subjects = (registry as unknown as { api?: { Subject?: Partial<SubjectResource> } }).api?.Subject;
  const required: readonly (keyof SubjectResource)[] = ['latestVersion', 'registered', 'config', 'updateConfig', 'compatible', 'register'];
  if (!subjects || required.some((name) => typeof subjects[name] !== 'function')) {
    throw new Error('@kafkajs/confluent-schema-registry no longer exposes api.Subject; update libs/messaging/src/admin/registry-admin.api.ts');
  }
  const api = subjects as SubjectResource;
  const orUndefinedOn404 = async <T>(call: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await call();
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  };
  return {
    latestVersion: (subject) => orUndefinedOn404(async () => registeredVersion((await api.latestVersion({ subject })).data())),
    lookup: (subject, schema) => orUndefinedOn404(async () => registeredVersion((await api.registered({ subject, body: { schema } })).data())),
    compatibility: (subject) =>
      orUndefinedOn404(async () => {
        const data = (await api.config({ subject })).data() as { compatibilityLevel?: string; compatibility?: string };
        return (data.compatibilityLevel ?? data.compatibility)?.toUpperCase() as CompatibilityLevel | undefined;
      }),
    setCompatibility: async (subject, level) => {
      await api.updateConfig({ subject, body: { compatibility: level } });
    },
    testCompatibility: async (subject, schema) => {
      const data = (await api.compatible({ subject, version: 'latest', body: { schema } })).data() as {
        is_compatible?: boolean;
        messages?: unknown;
      };
      const messages = Array.isArray(data.messages) ? data.messages.map(String) : [];
      return { compatible: data.is_compatible === true, messages };
    },
    register: async (subject, schema) => {
      const data = (await api.register({ subject, body: { schema } })).data() as { id?: unknown };
      if (typeof data.id !== 'number') throw new Error(`registry returned no schema id for ${subject}`);
      return data.id;
    },
  };
}

export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

function registeredVersion(data: unknown): RegisteredVersion {
  const { id, version, schema } = (data ?? {}) as { id?: unknown; version?: unknown; schema?: unknown };
  if (typeof id !== 'number' || typeof version !== 'number') {
    throw new Error(`unexpected registry response: ${JSON.stringify(data)}`);
  }
  return typeof schema === 'string' ? { id, version, schema } : { id, version };
}
