/** The portal's one way to the API: JSON in and out, the session's token, coded errors. */

/** An error answer of the API: its code, the field and the rule it names, in English and Chinese (see src/errors.ts). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly rule?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  /** the catalog's rule in Chinese (`error.ruleZh`), when the server gave it */
  get ruleZh(): string | undefined {
    const zh = this.details?.ruleZh;
    return typeof zh === 'string' && zh !== '' ? zh : undefined;
  }
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
  method?: string;
  query?: Query;
  body?: unknown;
  /** a raw body sent as is (an import file), with its content type */
  raw?: { data: Blob | string; type: string };
  token?: string | null;
  signal?: AbortSignal;
}

export function pathWith(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: BodyInit | undefined;
  if (options.raw) {
    headers['content-type'] = options.raw.type;
    body = options.raw.data;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(pathWith(path, options.query), {
    method: options.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body,
    signal: options.signal,
  });
  if (!response.ok) throw await errorOf(response);
  return response;
}

async function errorOf(response: Response): Promise<ApiError> {
  try {
    const { error } = (await response.json()) as {
      error: { code: string; message: string; field?: string; rule?: string } & Record<
        string,
        unknown
      >;
    };
    return new ApiError(response.status, error.code, error.message, error.field, error.rule, error);
  } catch {
    return new ApiError(response.status, 'HTTP_ERROR', `${response.status} ${response.statusText}`);
  }
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** The whole answer, for its headers too (an issued report's code). */
export const apiResponse = (path: string, options: RequestOptions = {}): Promise<Response> =>
  send(path, options);

/** A text answer (a CSV error report, a printable report). */
export async function apiText(path: string, options: RequestOptions = {}): Promise<string> {
  return (await send(path, { ...options })).text();
}
