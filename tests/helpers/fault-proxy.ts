import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does to a request instead of passing it on. */
export type Fault = 'hang' | 'reset' | 'slowdown' | 'access-denied' | 'malformed-xml';

const XML = { 'content-type': 'application/xml' };
const s3Error = (code: string, message: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message><RequestId>fault-proxy</RequestId></Error>`;

/**
 * A loopback proxy in front of an S3 API server that injects faults into chosen requests:
 * no answer at all, a reset connection, 503 SlowDown, AccessDenied, or an answer that is
 * not XML. Everything else is passed through unchanged.
 */
export async function startFaultProxy(target: string, faultFor: (url: URL) => Fault | undefined) {
  const upstream = new URL(target);
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    switch (faultFor(url)) {
      case 'hang':
        req.resume();
        hanging.add(res);
        return;
      case 'reset':
        req.socket.destroy();
        return;
      case 'slowdown':
        req.resume();
        res.writeHead(503, XML).end(s3Error('SlowDown', 'Please reduce your request rate.'));
        return;
      case 'access-denied':
        req.resume();
        res.writeHead(403, XML).end(s3Error('AccessDenied', 'Access Denied'));
        return;
      case 'malformed-xml':
        req.resume();
        res.writeHead(200, XML).end('<?xml version="1.0"?><ServerSideEncryptionConfiguration><Rule>');
        return;
      default: {
        const out = http.request(
          { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        out.on('error', () => res.destroy());
        req.pipe(out);
      }
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
