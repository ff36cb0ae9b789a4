import { Injectable } from '@nestjs/common';
import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { AppConfig } from '../config/app-config.service';
import { checkedLookup, hostOf, refusedAddressReason, type Resolve } from './webhook-address';

/** The most of an answer kept with its attempt. */
export const RESPONSE_EXCERPT_BYTES = 1024;

/** What one POST came to: an HTTP status (and the answer's start), or an error without one. */
export interface PostOutcome {
  httpStatus: number | null;
  responseExcerpt: string | null;
  error: string | null;
}

/** The system resolver, every address of the name (both families), as the OS orders them. */
const systemResolve: Resolve = (hostname) => lookup(hostname, { all: true, verbatim: true });

/**
 * Where deliveries go out: the destination checks (at registration: `destinationProblem`; at
 * delivery: the agent's lookup hook, on the address actually connected to) and the POST itself,
 * with WEBHOOKS_TIMEOUT_MS for the whole exchange.
 */
@Injectable()
export class WebhookSender {
  private resolve: Resolve = systemResolve;

  constructor(private readonly config: AppConfig) {}

  private get allowPrivate(): boolean {
    return this.config.get('WEBHOOKS_ALLOW_PRIVATE_ADDRESSES');
  }

  /** Replaces the resolver (tests: a name that answers differently at registration and at delivery). */
  useResolver(resolve: Resolve | null): void {
    this.resolve = resolve ?? systemResolve;
  }

  /**
   * Why a URL may not be an endpoint, or null: only http(s), https unless internal destinations
   * are allowed, no credentials in it, and a host that resolves to public addresses only.
   */
  async destinationProblem(raw: string): Promise<string | null> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return 'is not a URL';
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http or https URL';
    if (url.protocol === 'http:' && !this.allowPrivate) return 'must be an https URL';
    if (url.username || url.password) return 'must not carry a user name or password';
    if (this.allowPrivate) return null;
    const host = hostOf(url);
    if (isIP(host)) return refusedAddressReason(host);
    let addresses: { address: string }[];
    try {
      addresses = await this.resolve(host);
    } catch {
      return `${host} cannot be resolved`;
    }
    if (!addresses.length) return `${host} cannot be resolved`;
    return addresses.map((a) => refusedAddressReason(a.address)).find((reason) => reason !== null) ?? null;
  }

  /** POSTs a signed body; never throws (a failure is an outcome with its error). */
  async post(raw: string, headers: Record<string, string>, body: string): Promise<PostOutcome> {
    const url = new URL(raw);
    const host = hostOf(url);
    // Node connects to an IP literal without a lookup, so it is checked here instead.
    if (isIP(host) && !this.allowPrivate) {
      const refused = refusedAddressReason(host);
      if (refused) return { httpStatus: null, responseExcerpt: null, error: `refused: ${refused}` };
    }
    const client = url.protocol === 'https:' ? https : http;
    const agent = new client.Agent({ keepAlive: false, lookup: checkedLookup(this.resolve, this.allowPrivate) });
    const timeout = this.config.get('WEBHOOKS_TIMEOUT_MS');
    return new Promise<PostOutcome>((resolve) => {
      let settled = false;
      const finish = (outcome: PostOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        agent.destroy();
        resolve(outcome);
      };
      const request = client.request(
        url,
        {
          method: 'POST',
          agent,
          headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'roundtable-tracker-webhooks' },
        },
        (response) => {
          const chunks: Buffer[] = [];
          let kept = 0;
          response.on('data', (chunk: Buffer) => {
            if (kept < RESPONSE_EXCERPT_BYTES) {
              chunks.push(chunk.subarray(0, RESPONSE_EXCERPT_BYTES - kept));
              kept += Math.min(chunk.length, RESPONSE_EXCERPT_BYTES - kept);
            }
          });
          response.on('end', () =>
            finish({ httpStatus: response.statusCode ?? null, responseExcerpt: excerpt(Buffer.concat(chunks)), error: null }),
          );
          response.on('error', (error) => finish({ httpStatus: response.statusCode ?? null, responseExcerpt: excerpt(Buffer.concat(chunks)), error: error.message }));
        },
      );
      // The whole exchange, not only the connection: a receiver that accepts and never answers times out too.
      const timer = setTimeout(() => {
        finish({ httpStatus: null, responseExcerpt: null, error: `timed out after ${timeout} ms` });
        request.destroy();
      }, timeout);
      request.on('error', (error) => finish({ httpStatus: null, responseExcerpt: null, error: error.message.slice(0, 1000) }));
      request.end(body);
    });
  }
}

/** An answer's start as text (null when empty), cut to RESPONSE_EXCERPT_BYTES characters at most. */
function excerpt(bytes: Buffer): string | null {
  if (!bytes.length) return null;
  // eslint-disable-next-line no-control-regex -- PostgreSQL text cannot hold NUL
  return bytes.toString('utf8').replace(/\u0000/g, '').slice(0, RESPONSE_EXCERPT_BYTES);
}
