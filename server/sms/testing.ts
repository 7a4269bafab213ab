/**
 * Test support for the SMS channel: a real HTTP server on 127.0.0.1 that stands in for
 * Notify or Twilio, records every request exactly as it arrived and answers as told; and a
 * JWT reader for checking Notify bearer tokens.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface CannedResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Answer only after this long (to test timeouts). */
  delayMs?: number;
}

export interface FakeProviderServer {
  baseUrl: string;
  requests: RecordedRequest[];
  /** Sets what the next requests are answered with (a function may look at the request). */
  respond(answer: CannedResponse | ((req: RecordedRequest) => CannedResponse)): void;
  close(): Promise<void>;
}

/** Starts a recording server on 127.0.0.1, port chosen by the system. */
export async function startFakeProvider(): Promise<FakeProviderServer> {
  const requests: RecordedRequest[] = [];
  let responder: (req: RecordedRequest) => CannedResponse = () => ({ status: 500, body: { error: 'no response set' } });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      const answer = responder(recorded);
      const text = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
      const reply = () => {
        if (res.destroyed) return;
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(text);
      };
      if (answer.delayMs) setTimeout(reply, answer.delayMs).unref();
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    respond(answer) {
      responder = typeof answer === 'function' ? answer : () => answer;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** A URL on which nothing listens: a port just released by a server that has closed. */
export async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  /** Whether the HS256 signature is valid under `secret`. */
  signatureValid: boolean;
}

/** Reads a compact JWT and checks its HS256 signature, independently of the code under test. */
export function decodeJwt(token: string, secret: string): DecodedJwt {
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error(`not a compact JWT: ${parts.length} parts`);
  const [h, c, s] = parts;
  const json = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
  const expected = createHmac('sha256', secret).update(`${h}.${c}`).digest();
  const given = Buffer.from(s, 'base64url');
  return {
    header: json(h),
    claims: json(c),
    signatureValid: given.length === expected.length && timingSafeEqual(given, expected),
  };
}
