import * as net from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP relay on 127.0.0.1 that holds everything a client sends for `delayMs` before passing
 * it on, in order: each request then waits one network round trip, as it would between a
 * county office and an AWS region, while the server stays the same. Answers come back at once.
 * Opening a connection costs nothing extra: real S3 keeps connections open, so only requests
 * pay (moto closes every connection, which through this relay stays free as on real S3).
 * Timers still pending at stop() only write to destroyed sockets.
 */
export async function startLatencyRelay(targetPort: number, delayMs: number) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    // Writes are scheduled in arrival order with the same delay, so they stay in order.
    const later = (f: () => void) => (delayMs ? setTimeout(f, delayMs) : f());
    client.on('data', (chunk) => later(() => upstream.writable && upstream.write(chunk)));
    client.on('end', () => later(() => upstream.end()));
    upstream.pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
