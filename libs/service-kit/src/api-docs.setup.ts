import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { ApiDocs } from './service.definition';

/** The service's OpenAPI document: UI at /docs, JSON at /docs-json. Returns the document it serves. */
export function setupApiDocs(app: INestApplication, docs: ApiDocs): OpenAPIObject {
  const document = SwaggerModule.createDocument(app, new DocumentBuilder().setTitle(docs.title).setDescription(docs.description).setVersion('1').build());
  SwaggerModule.setup('docs', app, document);
  return document;
}
