import { hostname } from 'node:os';
import { Resource, defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { ATTR_DEPLOYMENT_ENVIRONMENT_NAME, ATTR_SERVICE_NAME, ATTR_SERVICE_NAMESPACE, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';

export const SERVICE_NAMESPACE = 'crossdock';

export interface ServiceIdentity {
  serviceName: string | Promise<string>;
  serviceVersion?: string;
  environment?: string;
}

/**
 * Identity every span carries. `deployment.environment.name` is the current semconv key (the old
 * `deployment.environment` is deprecated); Jaeger lets SREs filter one environment's traces by it.
 * `service.instance.id` tells which of a service's instances made a span (SERVICE_INSTANCE_ID, set
 * by the supervisor or a pod's name; else host and pid).
 */
export function serviceResource(identity: ServiceIdentity, env: NodeJS.ProcessEnv = process.env): Resource {
  return defaultResource().merge(
    resourceFromAttributes({
      [ATTR_SERVICE_NAME]: identity.serviceName,
      [ATTR_SERVICE_NAMESPACE]: SERVICE_NAMESPACE,
      [ATTR_SERVICE_VERSION]: identity.serviceVersion ?? env['SERVICE_VERSION'] ?? env['npm_package_version'] ?? '0.0.0',
      [ATTR_DEPLOYMENT_ENVIRONMENT_NAME]: identity.environment ?? env['DEPLOYMENT_ENVIRONMENT'] ?? env['NODE_ENV'] ?? 'local',
      'service.instance.id': env['SERVICE_INSTANCE_ID'] ?? `${hostname()}-${process.pid}`,
    }),
  );
}
