import { Topics } from '@crossdock/contracts';
import type { CompatibilityLevel, RegisteredVersion, RegistryAdminApi } from './registry-admin.api';
import { SchemaReconciler, SchemaRejectedError } from './schema-reconciler';

/** An in-memory registry; `incompatible` holds schemas it will refuse. */
class FakeRegistry implements RegistryAdminApi {
  readonly subjects = new Map<string, { schemas: string[]; level?: CompatibilityLevel }>();
  readonly incompatible = new Set<string>();
  /** Apicurio gives no reasons; Confluent does with verbose=true. */
  reasons: string[] = ['READER_FIELD_MISSING_DEFAULT_VALUE'];
  readonly calls: string[] = [];
  private nextId = 1;
  private readonly ids = new Map<string, number>();

  async latestVersion(subject: string): Promise<RegisteredVersion | undefined> {
    const schemas = this.subjects.get(subject)?.schemas ?? [];
    const last = schemas[schemas.length - 1];
    return last === undefined ? undefined : { id: this.idOf(last), version: schemas.length, schema: last };
  }

  async lookup(subject: string, schema: string): Promise<RegisteredVersion | undefined> {
    const index = this.subjects.get(subject)?.schemas.indexOf(schema) ?? -1;
    return index < 0 ? undefined : { id: this.idOf(schema), version: index + 1 };
  }

  async compatibility(subject: string) {
    return this.subjects.get(subject)?.level;
  }

  async setCompatibility(subject: string, level: CompatibilityLevel) {
    this.calls.push(`config ${subject} ${level}`);
    const entry = this.subjects.get(subject);
    if (!entry) throw Object.assign(new Error('subject not found'), { status: 404 });
    entry.level = level;
  }

  async testCompatibility(_subject: string, schema: string) {
    return this.incompatible.has(schema) ? { compatible: false, messages: this.reasons } : { compatible: true, messages: [] };
  }

  async register(subject: string, schema: string): Promise<number> {
    this.calls.push(`register ${subject}`);
    const entry = this.subjects.get(subject) ?? { schemas: [] };
    entry.schemas.push(schema);
    this.subjects.set(subject, entry);
    return this.idOf(schema);
  }

  private idOf(schema: string): number {
    const id = this.ids.get(schema) ?? this.nextId++;
    this.ids.set(schema, id);
    return id;
  }
}

const subject = 'tunit.crossdock.orders.channel-order.v1-value';

describe('SchemaReconciler', () => {
  it('registers new subjects, then sets BACKWARD on them', async () => {
    const registry = new FakeRegistry();
    const reconciler = new SchemaReconciler(registry, 'tunit.');
    const [change] = await reconciler.register(await reconciler.plan([Topics.channelOrders]));
    expect(change).toEqual({
      key: 'channelOrders',
      subject,
      action: 'registered',
      schemaId: 1,
      version: 1,
      compatibility: 'BACKWARD',
      compatibilityChanged: true,
    });
    expect(registry.calls).toEqual([`register ${subject}`, `config ${subject} BACKWARD`]);
    expect(registry.subjects.get(subject)?.schemas).toEqual([JSON.stringify(Topics.channelOrders.valueSchema)]);
  });

  it('registers nothing when the schema is already registered, only re-pins BACKWARD', async () => {
    const registry = new FakeRegistry();
    const reconciler = new SchemaReconciler(registry, 'tunit.');
    await reconciler.register(await reconciler.plan([Topics.channelOrders]));
    registry.calls.length = 0;
    const [change] = await reconciler.register(await reconciler.plan([Topics.channelOrders]));
    expect(change).toMatchObject({ action: 'unchanged', schemaId: 1, version: 1, compatibilityChanged: false });
    // Apicurio cannot say whether BACKWARD is the subject's own level or the global one: always pin it.
    expect(registry.calls).toEqual([`config ${subject} BACKWARD`]);
  });

  it('restores BACKWARD on an existing subject before checking a new version', async () => {
    const registry = new FakeRegistry();
    registry.subjects.set(subject, { schemas: ['{"type":"record","name":"Old","fields":[]}'], level: 'NONE' });
    const reconciler = new SchemaReconciler(registry, 'tunit.');
    const [change] = await reconciler.register(await reconciler.plan([Topics.channelOrders]));
    expect(change).toMatchObject({ action: 'registered', version: 2, compatibilityChanged: true });
    expect(registry.calls).toEqual([`config ${subject} BACKWARD`, `register ${subject}`]);
  });

  it('rejects incompatible schemas before registering anything, naming each subject', async () => {
    const registry = new FakeRegistry();
    registry.subjects.set(subject, { schemas: ['{"old":true}'], level: 'BACKWARD' });
    registry.incompatible.add(JSON.stringify(Topics.channelOrders.valueSchema));
    const reconciler = new SchemaReconciler(registry, 'tunit.');
    const planning = reconciler.plan([Topics.itemMaster, Topics.channelOrders]);
    await expect(planning).rejects.toThrow(SchemaRejectedError);
    await expect(planning).rejects.toThrow(
      `subject ${subject} (topic crossdock.orders.channel-order.v1, catalog key channelOrders): READER_FIELD_MISSING_DEFAULT_VALUE`,
    );
    expect(registry.calls.filter((call) => call.startsWith('register'))).toEqual([]);
  });

  it('explains a bare "not compatible" with avsc against the latest registered schema', async () => {
    const registry = new FakeRegistry();
    registry.reasons = [];
    const old = { type: 'record', name: 'ItemMaster', namespace: 'com.crossdock.inventory', fields: [{ name: 'sku', type: 'int' }] };
    const itemSubject = 'tunit.crossdock.inventory.item-master.v1-value';
    registry.subjects.set(itemSubject, { schemas: [JSON.stringify(old)], level: 'BACKWARD' });
    registry.incompatible.add(JSON.stringify(Topics.itemMaster.valueSchema));
    const reconciler = new SchemaReconciler(registry, 'tunit.');
    await expect(reconciler.plan([Topics.itemMaster])).rejects.toThrow(
      new RegExp(`subject ${itemSubject.replace(/\./g, '\\.')} .*not BACKWARD compatible with the latest registered version: .+`),
    );
  });
});
