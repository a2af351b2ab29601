import '../zod-jitless';
import Taro from '@tarojs/taro';
import type { z } from 'zod';
import { ErrorBody } from '@weshop/shared';
import { API_BASE } from '../config';
import { session } from '../stores/session';

/** Any non-2xx answer, parsed from the server's one error shape `{ error: { code, message, details } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Network failure (no HTTP answer at all). */
export const NETWORK_ERROR = 'NETWORK_ERROR';
/** A 2xx body that does not match the contract: a server/client version mismatch. */
export const BAD_RESPONSE = 'BAD_RESPONSE';

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: Method;
  query?: Query;
  body?: unknown;
  /** Sent as `Idempotency-Key`: create it once per user intent and reuse it on retries. */
  idempotencyKey?: string;
  /** Send the bearer token (default true). Login itself sends none. */
  auth?: boolean;
}

type Relogin = () => Promise<void>;
let relogin: Relogin | null = null;
let loginInFlight: Promise<void> | null = null;

/** Registers how to obtain a fresh session (app.tsx wires the WeChat/sandbox login). */
export function setRelogin(fn: Relogin): void {
  relogin = fn;
}

/** Runs the login once even if many requests ask at the same time; requests wait for it. */
export function runLogin(): Promise<void> {
  if (!relogin) return Promise.reject(new ApiError(401, 'UNAUTHENTICATED', '未登录'));
  if (!loginInFlight) {
    loginInFlight = relogin().finally(() => {
      loginInFlight = null;
    });
  }
  return loginInFlight;
}

export function buildUrl(path: string, query?: Query): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  }
  return `${API_BASE}${path}${parts.length ? `?${parts.join('&')}` : ''}`;
}

function toApiError(status: number, data: unknown): ApiError {
  const parsed = ErrorBody.safeParse(data);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiError(status, code, message, details ?? {});
  }
  return new ApiError(status, status >= 500 ? 'INTERNAL_ERROR' : 'HTTP_ERROR', `请求失败 (${status})`);
}

async function send(path: string, options: RequestOptions): Promise<{ status: number; data: unknown }> {
  const header: Record<string, string> = { Accept: 'application/json' };
  const token = options.auth === false ? null : session.token();
  if (token) header.Authorization = `Bearer ${token}`;
  if (options.idempotencyKey) header['Idempotency-Key'] = options.idempotencyKey;
  if (options.body !== undefined) header['Content-Type'] = 'application/json';
  try {
    const res = await Taro.request({
      url: buildUrl(path, options.query),
      method: options.method ?? 'GET',
      data: options.body as Record<string, unknown> | undefined,
      header,
      dataType: 'json',
    });
    return { status: res.statusCode, data: res.data };
  } catch {
    // The underlying error may echo the request; keep only a neutral message.
    throw new ApiError(0, NETWORK_ERROR, '网络不给力，请稍后再试');
  }
}

/**
 * The only caller of `Taro.request`. Validates the 2xx body against `schema`, turns error bodies
 * into `ApiError`, and on 401 logs in again once and retries. Never logs headers or bodies.
 */
export async function request<S extends z.ZodType>(
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.infer<S>> {
  const auth = options.auth !== false;
  if (auth && loginInFlight) await loginInFlight.catch(() => undefined);

  let res = await send(path, options);
  if (res.status === 401 && auth && relogin) {
    await runLogin();
    res = await send(path, options);
  }
  if (res.status < 200 || res.status >= 300) throw toApiError(res.status, res.data);

  const parsed = schema.safeParse(res.data);
  if (!parsed.success) throw new ApiError(res.status, BAD_RESPONSE, '数据格式有误，请升级小程序');
  return parsed.data;
}

/** A user-facing sentence for any error thrown by `request`. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message || '出错了，请稍后再试';
  return '出错了，请稍后再试';
}
