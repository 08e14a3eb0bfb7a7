import { collectDefaultMetrics, Histogram, type Metric, Registry } from 'prom-client';
import { OPERATOR } from './access.js';
import type { App } from './types.js';

/**
 * Prometheus metrics: the process's defaults and a latency histogram per route and status, for
 * operators only (routes, load and errors tell an attacker where to push).
 */
export function registerMetrics(app: App, more: readonly Metric[] = []): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // the store's own (the hot standbys': reads answered, skipped, lag)
  for (const metric of more) registry.registerMetric(metric);
  const duration = new Histogram({
    name: 'credence_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  });
  // one series per method, route and status, looked up by a string: prom-client would hash the
  // label object on every request
  const series = new Map<string, Histogram.Internal<'method' | 'route' | 'status'>>();
  app.addHook('onResponse', (request, reply, done) => {
    const { method } = request;
    // the route pattern, not the URL: identifiers must not become label values
    const route = request.routeOptions.url ?? 'unmatched';
    const status = String(reply.statusCode);
    const key = `${method} ${status} ${route}`;
    let observed = series.get(key);
    if (!observed) {
      observed = duration.labels({ method, route, status });
      series.set(key, observed);
    }
    observed.observe(reply.elapsedTime / 1000);
    done();
  });
  app.get(
    '/metrics',
    { config: { access: OPERATOR, rateLimit: false }, schema: { hide: true } },
    async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()),
  );
}
