import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { apiWorld, type ApiWorld } from './support.js';

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Writes raw bytes to the server and reads its answer until it closes the connection. */
function raw(port: number, text: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
    let out = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (out += d));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = out.split('\r\n\r\n', 2);
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(
        lines.map((l) => [
          l.slice(0, l.indexOf(':')).toLowerCase(),
          l.slice(l.indexOf(':') + 1).trim(),
        ]),
      );
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
    });
  });
}

/** The catalog's shape: a known code with its rule, a message, the request id of the header. */
function expectCatalogShape(answer: Answer, status: number, code: string) {
  expect(answer.status, answer.body).toBe(status);
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  expect(answer.headers['x-content-type-options']).toBe('nosniff');
  const body = JSON.parse(answer.body) as { error: Record<string, unknown> };
  expect(body.error).toEqual({
    code,
    rule: expect.any(String),
    ruleZh: expect.any(String),
    message: expect.any(String),
    requestId: answer.headers['x-request-id'],
    ...(body.error.field === undefined ? {} : { field: expect.any(String) }),
    ...(body.error.problems === undefined
      ? {}
      : { problems: expect.any(Array), problemsZh: expect.any(Array) }),
  });
  expect(body.error.requestId).toMatch(/\S/);
}

describe.each(BACKENDS)('answers Fastify and Node give of their own on $name', (backend) => {
  const store = storePerTest(backend);
  let world: ApiWorld;
  afterEach(async () => world?.app.close());

  it('answers oversized headers, a long URL and broken HTTP in the error catalog’s shape', async () => {
    world = await apiWorld(store());
    await world.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = world.app.server.address() as net.AddressInfo;
    const huge = await raw(
      port,
      `GET /v1/catalog HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expectCatalogShape(huge, 431, 'HEADERS_TOO_LARGE');
    const longUrl = await raw(
      port,
      `GET /v1/catalog?q=${'a'.repeat(70_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    );
    expectCatalogShape(longUrl, 431, 'HEADERS_TOO_LARGE');
    expectCatalogShape(await raw(port, 'hello\r\n\r\n'), 400, 'HTTP_MALFORMED');
    expectCatalogShape(
      await raw(port, 'FOO /v1/catalog HTTP/1.1\r\nHost: x\r\n\r\n'),
      400,
      'HTTP_MALFORMED',
    );
    expectCatalogShape(
      await raw(port, 'GET /v1/subjects/%E0%A4%A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
      400,
      'REQUEST_INVALID',
    );
  });

  it('answers bad JSON, too large and unsupported bodies, unknown routes and wrong methods in that shape', async () => {
    world = await apiWorld(store());
    const inject = async (
      method: 'GET' | 'POST' | 'DELETE' | 'PUT',
      url: string,
      headers: Record<string, string> = {},
      payload?: string,
    ): Promise<Answer> => {
      const res = await world.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
      return {
        status: res.statusCode,
        headers: res.headers as Record<string, string>,
        body: res.body,
      };
    };
    const json = {
      authorization: `Bearer ${world.keys.implementer}`,
      'content-type': 'application/json',
    };
    expectCatalogShape(
      await inject('POST', '/v1/checks', json, '{"identifier": '),
      400,
      'REQUEST_MALFORMED',
    );
    expectCatalogShape(await inject('POST', '/v1/checks', json, ''), 400, 'REQUEST_MALFORMED');
    expectCatalogShape(
      await inject('POST', '/v1/checks', json, JSON.stringify({ x: 'y'.repeat(1024 * 1024) })),
      413,
      'REQUEST_TOO_LARGE',
    );
    expectCatalogShape(
      await inject('POST', '/v1/checks', { ...json, 'content-type': 'application/xml' }, '<x/>'),
      415,
      'REQUEST_CONTENT_TYPE',
    );
    expectCatalogShape(await inject('GET', '/v1/nothing'), 404, 'ROUTE_NOT_FOUND');
    const wrongMethod = await inject('DELETE', '/v1/catalog');
    expectCatalogShape(wrongMethod, 405, 'METHOD_NOT_ALLOWED');
    expect(wrongMethod.headers.allow).toBe('GET, HEAD');
    const withParams = await inject('PUT', '/v1/subjects/91110000600037341L/report');
    expectCatalogShape(withParams, 405, 'METHOD_NOT_ALLOWED');
    expect(withParams.headers.allow).toBe('GET, HEAD');
  });
});
