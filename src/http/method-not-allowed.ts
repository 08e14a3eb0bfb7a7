import type { RouteOptions } from 'fastify';
import { CredenceError } from '../errors.js';

/**
 * The methods each route path answers, to tell "no such path" (404) from "not with this
 * method" (405 with an Allow header), which Fastify's router does not.
 */
export class RouteMethods {
  private readonly paths = new Map<string, { pattern: RegExp; methods: Set<string> }>();

  /** An onRoute hook: records the route's path and methods. */
  readonly add = (route: RouteOptions): void => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    let known = this.paths.get(route.url);
    if (!known) {
      known = { pattern: patternOf(route.url), methods: new Set() };
      this.paths.set(route.url, known);
    }
    for (const m of methods) known.methods.add(m.toUpperCase());
  };

  /** The 405 for a request whose path some route answers under another method, else null. */
  notAllowed(method: string, url: string): CredenceError | null {
    const path = url.split('?')[0] ?? '';
    const allowed = new Set<string>();
    for (const { pattern, methods } of this.paths.values()) {
      if (pattern.test(path)) for (const m of methods) allowed.add(m);
    }
    if (allowed.size === 0 || allowed.has(method)) return null;
    const allow = [...allowed].sort().join(', ');
    return new CredenceError('METHOD_NOT_ALLOWED', `${method} ${path}: use ${allow}`, { allow });
  }
}

/** A route path as a regular expression: `:name` is one segment, `*` the rest. */
function patternOf(url: string): RegExp {
  const source = url
    .split(/(:[A-Za-z0-9_]+|\*)/)
    .map((part) =>
      part === '*'
        ? '.*'
        : part.startsWith(':')
          ? '[^/]+'
          : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${source}$`);
}
