/** A tiny HTTP client for e2e tests: real requests, JSON in and out, status kept. */
export interface HttpResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export async function http<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}

/** Logs in as the sandbox user `<name>` and returns the bearer token and user. */
export async function loginAs(baseUrl: string, name: string): Promise<{ token: string; user: any }> {
  const result = await http(baseUrl, 'POST', '/api/v1/auth/wechat-login', { body: { code: `sandbox:${name}` } });
  if (result.status !== 200)
    throw new Error(`login as ${name} failed: ${result.status} ${JSON.stringify(result.body)}`);
  return result.body;
}
