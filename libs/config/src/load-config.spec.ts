import { ConfigError, loadConfig } from './load-config';
import { platformConfigSchema } from './platform-config.schema';

describe('loadConfig', () => {
  it('applies local-stack defaults and parses lists', () => {
    const config = loadConfig(platformConfigSchema, { SERVICE_NAME: 'order-ingest', KAFKA_BROKERS: 'a:1, b:2' });
    expect(config.KAFKA_BROKERS).toEqual(['a:1', 'b:2']);
    expect(config.SCHEMA_REGISTRY_URL).toBe('http://localhost:8081/apis/ccompat/v7');
    expect(config.OTEL_SDK_DISABLED).toBe(false);
  });

  it('names every missing or invalid variable at once', () => {
    const attempt = () => loadConfig(platformConfigSchema, { HTTP_PORT: 'eighty', SCHEMA_REGISTRY_URL: 'not a url' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as ConfigError).message;
      expect(message).toContain('SERVICE_NAME');
      expect(message).toContain('missing');
      expect(message).toContain('HTTP_PORT');
      expect(message).toContain('"eighty"');
      expect(message).toContain('SCHEMA_REGISTRY_URL');
      expect((error as ConfigError).problems).toHaveLength(3);
    }
  });

  it('rejects a topic namespace that would produce odd topic names', () => {
    expect(() => loadConfig(platformConfigSchema, { SERVICE_NAME: 's', TOPIC_NAMESPACE: 'Test_' })).toThrow(/TOPIC_NAMESPACE/);
  });
});
