import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { buildOpenApiDocument } from './openapi';

const UI_ASSETS = '/api/docs/assets/';

/** Serves the OpenAPI document at /api/docs-json and Swagger UI (bundled, offline) at /api/docs. */
export async function registerApiDocs(fastify: FastifyInstance, version: string): Promise<void> {
  const document = buildOpenApiDocument(version);
  const uiRoot = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  await fastify.register(fastifyStatic, { root: uiRoot, prefix: UI_ASSETS, decorateReply: false, index: false });
  fastify.get('/api/docs-json', async () => document);
  fastify.get('/api/docs', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>weshop API</title>
<link rel="stylesheet" href="${UI_ASSETS}swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="${UI_ASSETS}swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/api/docs-json', dom_id: '#swagger-ui' });</script>
</body></html>`),
  );
}
