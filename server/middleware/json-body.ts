/**
 * Reads a JSON request body with a size limit. Under Node it reads the socket stream directly:
 * going through the web-streams `Request.body` cost more than the rest of an ingestion request
 * together (measured in bench/ingest). Elsewhere (tests, other runtimes) it uses the Request.
 */
import type { Context } from 'hono';
import type { IncomingMessage } from 'node:http';
import { ApiError } from './errors.ts';

function tooLarge(maxBytes: number) {
  return new ApiError(413, 'payload_too_large', `The body must be at most ${maxBytes} bytes`);
}

export function readIncoming(incoming: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        cleanup();
        // Stop reading; the reply goes out and the rest of the upload is discarded.
        incoming.resume();
        reject(tooLarge(maxBytes));
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size).toString('utf8'));
    };
    const onError = (err: Error) => {
      cleanup();
      reject(new ApiError(400, 'body_unreadable', `The body could not be read: ${err.message}`));
    };
    const cleanup = () => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onError);
    };
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onError);
  });
}

/** Refuses a body not declared JSON (415) or declared larger than `maxBytes` (413). */
export function checkJsonHeaders(contentType: string | undefined, contentLength: string | undefined, maxBytes: number): void {
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(contentType ?? '')) {
    throw new ApiError(415, 'unsupported_media_type', 'Send JSON (Content-Type: application/json)');
  }
  // JSON is UTF-8 (RFC 8259); a body declared in another charset would be read wrongly ("é" → "�").
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1];
  if (charset && !/^utf-?8$/i.test(charset)) {
    throw new ApiError(415, 'unsupported_media_type', `Send JSON in UTF-8, not ${charset}`);
  }
  if (Number(contentLength ?? NaN) > maxBytes) throw tooLarge(maxBytes);
}

/** JSON text parsed, or a 400 that says it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_json', 'The body is not valid JSON', [{ path: '(body)', message: 'not valid JSON' }]);
  }
}

/** The body as text: 415 unless it is declared JSON, 413 past `maxBytes`. */
export async function readJsonText(c: Context, maxBytes: number): Promise<string> {
  checkJsonHeaders(c.req.header('content-type'), c.req.header('content-length'), maxBytes);
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming && typeof incoming.on === 'function' && !incoming.readableEnded) return readIncoming(incoming, maxBytes);
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.byteLength > maxBytes) throw tooLarge(maxBytes);
  return new TextDecoder().decode(bytes);
}

/** The body parsed as JSON, or a 400 that says it is not JSON. */
export async function readJson(c: Context, maxBytes: number): Promise<unknown> {
  return parseJson(await readJsonText(c, maxBytes));
}
