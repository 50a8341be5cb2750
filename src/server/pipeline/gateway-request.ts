/**
 * `GatewayRequest`, the view of an HTTP request the pipeline's hooks get, made from either
 * transport's request object without copying its headers: node:http's `IncomingMessage` (the
 * fast path) or a WHATWG `Request` (yoga).
 */
import type { IncomingMessage } from 'node:http';
import type { GatewayRequest } from './gateway-hooks.js';

/** A node:http request as the hooks see it (its members read from the request when asked). */
class NodeGatewayRequest implements GatewayRequest {
  constructor(private readonly request: IncomingMessage) {}

  get method(): string {
    return this.request.method ?? 'GET';
  }

  get url(): string {
    return this.request.url ?? '/';
  }

  get remoteAddress(): string | undefined {
    return this.request.socket?.remoteAddress;
  }

  header(name: string): string | undefined {
    const value = this.request.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  }
}

/** The request of the node:http fast path. */
export function fromNodeRequest(request: IncomingMessage): GatewayRequest {
  return new NodeGatewayRequest(request);
}

/** A yoga (WHATWG) request; `node` is the node:http request under it, when there is one. */
export function fromFetchRequest(request: Request, node?: IncomingMessage): GatewayRequest {
  const url = new URL(request.url);
  return {
    method: request.method,
    url: `${url.pathname}${url.search}`,
    header: (name) => request.headers.get(name) ?? undefined,
    remoteAddress: node?.socket?.remoteAddress,
  };
}
