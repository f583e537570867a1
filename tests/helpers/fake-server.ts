import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback HTTP server that answers every request the same way (a web page, a clock-skew error). */
export async function fakeServer(status: number, contentType: string, body: string): Promise<{ endpoint: string; close: () => void }> {
  const server = http.createServer((req, res) => {
    req.resume();
    res.writeHead(status, { 'content-type': contentType });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}
