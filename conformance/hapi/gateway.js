// A small HTTP gateway in front of HAPI FHIR for the conformance run, as a trust puts its FHIR
// server behind an API gateway: it can require a bearer token, add latency or fail requests (the
// embedded server's --token, --latency and --fail-rate), and counts requests for the tests
// (`GET <base>/$stats`, `POST <base>/$reset-stats`, as the embedded server's --stats). Everything
// else, CORS preflight included, goes to HAPI unchanged, Host header and all, so HAPI writes its
// links (`next` cursors, fullUrls) on the gateway's origin and answers CORS itself.

import { createServer, request as httpRequest } from 'node:http';
import { Stats, outcome } from '../../server/lib/http.js';

/**
 * @typedef {object} GatewayOptions
 * @property {string} upstream HAPI's FHIR base, e.g. `http://127.0.0.1:8090/fhir`
 * @property {string} [token] require `Authorization: Bearer <token>` (not on /metadata or OPTIONS)
 * @property {number} [latency] ms before each request is passed on
 * @property {number} [failRate] 0..1: that share of requests is answered 500 or 503 here
 * @property {boolean} [stats] count requests
 */

/**
 * @param {GatewayOptions} options
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export function startGateway({ upstream, token, latency = 0, failRate = 0, stats = false }) {
  const target = new URL(upstream);
  const basePath = target.pathname.replace(/\/+$/, '');
  const counter = stats ? new Stats() : undefined;

  const server = createServer(async (req, res) => {
    const method = (req.method ?? 'GET').toUpperCase();
    const rawUrl = req.url ?? '/';
    const pathname = rawUrl.split('?')[0];
    if (counter && (pathname === `${basePath}/$stats` || pathname === `${basePath}/$reset-stats`)) {
      if (pathname.endsWith('$reset-stats')) counter.reset();
      answer(res, 200, counter.toJSON(), 'application/json; charset=utf-8');
      return;
    }
    counter?.count(method, pathname, rawUrl);
    if (method !== 'OPTIONS') {
      if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
      if (token !== undefined && pathname !== `${basePath}/metadata`) {
        const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
        if (!match || match[1].trim() !== token) {
          res.setHeader(
            'WWW-Authenticate',
            match ? 'Bearer realm="fhir", error="invalid_token"' : 'Bearer realm="fhir"',
          );
          answer(
            res,
            401,
            outcome('login', match ? 'The bearer token is not valid' : 'Authentication required'),
          );
          return;
        }
      }
      if (failRate > 0 && Math.random() < failRate) {
        if (Math.random() < 0.5) {
          answer(res, 500, outcome('exception', 'Simulated gateway error'));
        } else {
          res.setHeader('Retry-After', '1');
          answer(res, 503, outcome('transient', 'Simulated service unavailable'));
        }
        return;
      }
    }
    const forward = httpRequest(
      { host: target.hostname, port: target.port, method, path: rawUrl, headers: req.headers },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
      },
    );
    forward.on('error', () => {
      if (!res.headersSent) answer(res, 502, outcome('transient', 'HAPI FHIR did not answer'));
      else res.destroy();
    });
    req.pipe(forward);
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      resolve({
        url: `http://127.0.0.1:${port}${basePath}`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/**
 * The gateway's own answers carry CORS headers too, or a browser would see a network error
 * instead of the 401 or 503 (the status and WWW-Authenticate / Retry-After must reach the page).
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 * @param {string} [type]
 */
function answer(res, status, body, type = 'application/fhir+json; charset=utf-8') {
  const text = JSON.stringify(body);
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', 'WWW-Authenticate, Retry-After');
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.setHeader('Cache-Control', 'no-store');
  res.writeHead(status);
  res.end(text);
}
