/**
 * A bare node:http server (no framework, no database) in its own process: `GET` answers a
 * constant JSON body; `POST` reads the body, parses it as JSON and answers a constant. What this
 * machine's HTTP stack costs before any service code runs (bench/http-ceiling, bench/ingest).
 */
import { spawn } from 'node:child_process';

const SERVER = `
const http = require('node:http');
const server = http.createServer((req, res) => {
  const reply = (status) => { res.writeHead(status, { 'content-type': 'application/json', 'content-length': 11 }); res.end('{"ok":true}'); };
  if (req.method !== 'POST') return reply(200);
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => { JSON.parse(Buffer.concat(chunks).toString('utf8')); reply(201); });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

export async function startBareServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', (d: Buffer) => resolve(Number(String(d).trim())));
    child.once('exit', (code) => reject(new Error(`bare server exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    async stop() {
      child.kill();
      await exited;
    },
  };
}
