import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { CredenceError } from '../../errors.js';

/** One resolved address of a host. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has (the platform's resolver by default). */
export type Resolver = (host: string) => Promise<ResolvedAddress[]>;

/** Where webhooks may go: public addresses, and the ranges the operator admits. */
export interface WebhookTargets {
  /** the operator's allow-list: loopback, private or internal ranges it admits */
  allow: BlockList;
  resolve: Resolver;
}

/** Loopback, private, link-local, unique-local, multicast, unspecified and reserved ranges. */
const INTERNAL = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  INTERNAL.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  // the unspecified address, loopback and the old IPv4-compatible form
  ['::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const)
  INTERNAL.addSubnet(net, bits, 'ipv6');

const systemResolver: Resolver = async (host) =>
  (await dnsLookup(host, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

/** The targets policy from the operator's allow-list (entries already checked by config). */
export function webhookTargets(allow: readonly string[], resolve = systemResolver): WebhookTargets {
  const list = new BlockList();
  for (const entry of allow) {
    const [address = '', bits] = entry.split('/');
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return { allow: list, resolve };
}

/** an IPv4 address carried inside an IPv6 one (::ffff:a.b.c.d, 64:ff9b::a.b.c.d) */
function embeddedIpv4(address: string): string | null {
  const match = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (match) return match[1] ?? null;
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex) return null;
  const [hi, lo] = [parseInt(hex[1] ?? '0', 16), parseInt(hex[2] ?? '0', 16)];
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

/** Whether a webhook may connect to this address. */
export function addressAllowed(targets: WebhookTargets, address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  const type = family === 6 ? 'ipv6' : 'ipv4';
  if (targets.allow.check(address, type)) return true;
  const v4 = family === 6 ? embeddedIpv4(address) : null;
  if (v4 !== null) return targets.allow.check(v4, 'ipv4') || !INTERNAL.check(v4, 'ipv4');
  return !INTERNAL.check(address, type);
}

/** The host of a URL as a resolver or an address check takes it: no IPv6 brackets. */
export const hostOf = (url: URL): string => url.hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * The address a webhook connects to: every address the host resolves to must be allowed (a
 * name with one internal address among public ones is refused), and the first is the one used.
 * Null when the host does not resolve or any address is internal.
 */
export async function allowedAddress(
  targets: WebhookTargets,
  host: string,
): Promise<ResolvedAddress | null> {
  const literal = isIP(host);
  let addresses: ResolvedAddress[];
  if (literal !== 0) addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
  else {
    try {
      addresses = await targets.resolve(host);
    } catch {
      return null;
    }
  }
  if (addresses.length === 0 || !addresses.every((a) => addressAllowed(targets, a.address)))
    return null;
  return addresses[0] ?? null;
}

/**
 * A subscriber's URL, checked: absolute http or https, and a host that resolves only to
 * addresses a webhook may reach. A host that does not resolve is answered as one that is
 * internal, so the check tells nothing about which internal names exist.
 */
export async function checkWebhookUrl(targets: WebhookTargets, raw: string): Promise<URL> {
  let url: URL | null = null;
  try {
    url = new URL(raw);
  } catch {
    url = null;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol) || raw.length > 2000) {
    throw new CredenceError('WEBHOOK_URL_INVALID', undefined, { field: 'url' });
  }
  if (url.username || url.password) {
    throw new CredenceError('WEBHOOK_URL_INVALID', 'a webhook URL carries no user or password', {
      field: 'url',
    });
  }
  if (!(await allowedAddress(targets, hostOf(url)))) {
    throw new CredenceError('WEBHOOK_TARGET_FORBIDDEN', undefined, { field: 'url' });
  }
  return url;
}
