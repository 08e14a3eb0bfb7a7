import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { allowedAddress, hostOf, type WebhookTargets } from './webhook-target.js';

/** Delivers one POST; resolves to the HTTP status, rejects with a DeliveryFailure. */
export type Sender = (
  url: string,
  body: string,
  headers: Record<string, string>,
) => Promise<number>;

/** Why a delivery failed, in words a subscriber may read: never the network's own message. */
export type DeliveryReason = 'target not allowed' | 'connection failed' | 'timed out';

export class DeliveryFailure extends Error {
  constructor(readonly reason: DeliveryReason) {
    super(reason);
    this.name = 'DeliveryFailure';
  }
}

/**
 * Sends over node:http(s), connecting only to an address checked at this delivery: the host is
 * resolved once, every address must be allowed, and the connection goes to the checked one (a
 * name that re-resolves to an internal address between check and connect is never reached).
 * TLS still verifies the certificate against the URL's host name. Redirects are not followed.
 */
export function webhookSender(timeoutMs: number, targets: WebhookTargets): Sender {
  return async (raw, body, headers) => {
    const url = new URL(raw);
    const pinned = await allowedAddress(targets, hostOf(url));
    if (!pinned) throw new DeliveryFailure('target not allowed');
    // the connection's own lookup answers with the checked address, whatever DNS says now
    const lookup: LookupFunction = (_host, options, callback) => {
      if (options.all) callback(null, [pinned]);
      else callback(null, pinned.address, pinned.family);
    };
    const options: RequestOptions = {
      method: 'POST',
      headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      lookup,
      timeout: timeoutMs,
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => fail('timed out'), timeoutMs);
      const req = send(url, options, (res) => {
        clearTimeout(timer);
        res.resume();
        res.on('error', () => undefined);
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      function fail(reason: DeliveryReason) {
        clearTimeout(timer);
        req.destroy();
        reject(new DeliveryFailure(reason));
      }
      req.on('timeout', () => fail('timed out'));
      req.on('error', () => fail('connection failed'));
      req.end(body);
    });
  };
}
