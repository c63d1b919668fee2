import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** OpenAPI for the query API: UI at /docs, JSON at /docs-json. */
export function setupApiDocs(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Crossdock availability')
      .setDescription('Sellable quantity per SKU and channel account, answered from the in-memory cache with the as-of time of its data.')
      .setVersion('1')
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
}
