import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { ApiDocs } from './service.definition';

/** The service's OpenAPI document: UI at /docs, JSON at /docs-json. */
export function setupApiDocs(app: INestApplication, docs: ApiDocs): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(docs.title).setDescription(docs.description).setVersion('1').build(),
  );
  SwaggerModule.setup('docs', app, document);
}
