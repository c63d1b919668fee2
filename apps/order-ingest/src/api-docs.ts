import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** OpenAPI for the exception queue and reference-data API: UI at /docs, JSON at /docs-json. */
export function setupApiDocs(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Crossdock order-ingest')
      .setDescription('Exception queue of held and failed orders (list, replay with audit), ERP queue status and reference-data reload.')
      .setVersion('1')
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
}
