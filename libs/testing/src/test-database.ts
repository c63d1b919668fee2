import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { stackEnv } from './stack-env';

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database per test file; dropped afterwards so runs never share state. */
export async function createTestDatabase(service: string, adminUrl = stackEnv().postgresAdminUrl): Promise<TestDatabase> {
  const name = `${service.replace(/[^a-z0-9]+/gi, '_').toLowerCase()}_t${randomBytes(4).toString('hex')}`;
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

async function withAdmin<T>(adminUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
