import {
  CategoryList,
  ErrorBody,
  Health,
  ProductDetail,
  ProductIdParam,
  ProductListQuery,
  ProductPage,
  UserView,
  WechatLoginRequest,
  WechatLoginResponse,
} from '@weshop/shared';
import { z } from 'zod';

/**
 * The OpenAPI 3 document, generated from the same zod schemas the server validates with and the
 * mini-program is typed by, so the published contract cannot drift from the code.
 * Add a route here when you add a controller route.
 */
interface RouteDoc {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  tag: string;
  summary: string;
  auth?: boolean;
  roles?: string[];
  query?: z.ZodObject;
  params?: z.ZodObject;
  body?: z.ZodType;
  response: z.ZodType;
  status?: number;
}

const ROUTES: RouteDoc[] = [
  { method: 'get', path: '/health', tag: 'health', summary: 'Database, Redis and WeChat mode', response: Health },
  {
    method: 'post',
    path: '/api/v1/auth/wechat-login',
    tag: 'auth',
    summary: 'Log in with a wx.login code (sandbox: `sandbox:<name>`)',
    body: WechatLoginRequest,
    response: WechatLoginResponse,
  },
  { method: 'get', path: '/api/v1/me', tag: 'auth', summary: 'The caller', auth: true, response: UserView },
  {
    method: 'get',
    path: '/api/v1/categories',
    tag: 'catalog',
    summary: 'Two-level category tree',
    response: CategoryList,
  },
  {
    method: 'get',
    path: '/api/v1/products',
    tag: 'catalog',
    summary: 'Search products on the shelf',
    query: ProductListQuery,
    response: ProductPage,
  },
  {
    method: 'get',
    path: '/api/v1/products/{id}',
    tag: 'catalog',
    summary: 'Product detail with SKUs',
    params: ProductIdParam,
    response: ProductDetail,
  },
  {
    method: 'get',
    path: '/api/v1/admin/products',
    tag: 'admin',
    summary: 'All products, off-shelf included',
    auth: true,
    roles: ['ADMIN'],
    query: ProductListQuery,
    response: ProductPage,
  },
];

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' }) as Record<string, unknown>;

function parameters(schema: z.ZodObject | undefined, where: 'query' | 'path') {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (object.required ?? []).includes(name),
    schema: property,
  }));
}

export function buildOpenApiDocument(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const errorResponse = {
    description: 'Error',
    content: { 'application/json': { schema: jsonSchema(ErrorBody, 'output') } },
  };
  for (const route of ROUTES) {
    paths[route.path] ??= {};
    paths[route.path][route.method] = {
      tags: [route.tag],
      summary: route.summary + (route.roles ? ` (roles: ${route.roles.join(', ')})` : ''),
      ...(route.auth ? { security: [{ bearer: [] }] } : {}),
      parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
            },
          }
        : {}),
      responses: {
        [route.status ?? 200]: {
          description: 'OK',
          content: { 'application/json': { schema: jsonSchema(route.response, 'output') } },
        },
        '4XX': errorResponse,
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'weshop API',
      version,
      description:
        'Social-commerce mini-program server. Money is integer fen; ids are strings; errors share one shape.',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths,
  };
}
