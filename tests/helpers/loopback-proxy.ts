import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP proxy on 127.0.0.1 that hands every request to one local server, whatever host it
 * names. The AWS CLI puts the account id in front of an S3 Control endpoint
 * (123456789012.127.0.0.1), a name that would otherwise be looked up in DNS; through this
 * proxy nothing is looked up. HTTPS tunnels (CONNECT) are refused, so a request meant for a
 * real AWS endpoint fails here instead of leaving the machine. The hosts asked for are kept.
 */
export async function startLoopbackProxy(targetPort: number) {
  const hosts: string[] = [];
  const server = http.createServer((req, res) => {
    hosts.push(req.headers.host ?? '');
    // Only the path goes on: Node's URL parser refuses a host like 123456789012.127.0.0.1.
    const pathOnly = /^[a-z]+:\/\/[^/]*(\/.*)?$/i.exec(req.url ?? '')?.[1] ?? req.url ?? '/';
    const upstream = http.request({ host: '127.0.0.1', port: targetPort, method: req.method, path: pathOnly, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connect', (req, socket) => {
    hosts.push(req.url ?? '');
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hosts: () => [...hosts],
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
