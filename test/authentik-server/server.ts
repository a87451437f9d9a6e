import http, { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { echoResponse, FaultRegistry, planFaults, redirectLocation } from './faults';
import type { CertificateKeyPair, Flow, OAuthSource, OtherProvider, ScopeMapping } from './model-types';
import { checkDefaults } from './provider-record';
import { FIXED_IDS, freshIdMap } from './random-ids';
import { servedRelease } from './release';
import { shapeForRelease } from './release-shape';
import { ApiResponse, htmlResponse } from './responses';
import { writeResponse } from './response-writer';
import { dispatch, RequestContext, View } from './router';
import { crossTypeListViews } from './routes/cross-type-lists';
import { providerViews } from './routes/providers';
import { referenceListViews } from './routes/reference-lists';
import { systemViews } from './routes/system';
import { createSeedObjects } from './seed';
import { Store } from './store';
import type { AuthentikTestServer, FaultSpec, ReceivedRequest, TestServerOptions } from './types';

const VIEWS: View[] = [...providerViews, ...crossTypeListViews, ...referenceListViews, ...systemViews];

export async function startAuthentikTestServer(options: TestServerOptions = {}): Promise<AuthentikTestServer> {
  const host = options.host ?? '127.0.0.1';
  const tokens = { token: options.token ?? 'test-token', readOnlyToken: options.readOnlyToken, expiredToken: options.expiredToken };
  const routerOptions = { tokens, legacyErrorViews: options.legacyErrorViews ?? true };
  const release = servedRelease(options.version);
  checkDefaults(release);
  const ids = options.freshIds ? freshIdMap() : FIXED_IDS;
  const store = new Store(options.seed ?? true, ids, release.fields.some((f) => f.key === 'invalidation_flow'));
  const faults = new FaultRegistry();
  const requests: ReceivedRequest[] = [];
  // Pending latency timers, cleared on close so they cannot keep the process alive.
  const timers = new Set<NodeJS.Timeout>();

  const delay = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://authentik.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    const received = record(method, url, req, rawBody);
    requests.push(received);

    const plan = planFaults(faults.take(method, url.pathname));
    if (plan.latencyMs > 0) await delay(plan.latencyMs);
    if (res.destroyed) return;
    if (plan.redirectTo !== undefined) {
      const location = redirectLocation(plan.redirectTo, url.pathname + url.search);
      return writeResponse(res, htmlResponse(302, '', { Location: location }));
    }
    if (plan.echo) return writeResponse(res, echoResponse(received, plan.echo.status, plan.echo.html));
    if (plan.statusResponse) return writeResponse(res, plan.statusResponse);

    const context: RequestContext = {
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      rawBody,
      store,
      access: 'read',
      release,
    };
    const response: ApiResponse = shapeForRelease(dispatch(VIEWS, context, routerOptions), context);
    await writeResponse(res, response, plan.body);
  }

  const server = http.createServer((req, res) => {
    onRequest(req, res).catch((error: unknown) => {
      console.error('authentik test server: request failed', error);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    requests,
    seedObjects: createSeedObjects(ids),
    addFault: (fault: FaultSpec) => faults.add(fault),
    clearFaults: () => faults.clear(),
    reset() {
      requests.length = 0;
      faults.clear();
      store.reset();
    },
    providers: () => [...store.providers.values()].sort((a, b) => a.pk - b.pk).map((p) => structuredClone(p)),
    addFlows: (count: number, designation: Flow['designation'] = 'authorization') => store.addFlows(count, designation),
    addCertificateKeyPairs: (count: number, withKey = true): CertificateKeyPair[] => store.addKeyPairs(count, withKey),
    addScopeMappings: (count: number): ScopeMapping[] => store.addScopeMappings(count),
    addOAuthSources: (count: number, withJwks = true): OAuthSource[] => store.addOAuthSources(count, withJwks),
    addOtherProvider: (name: string, type = 'proxyprovider'): OtherProvider => ({ ...store.addOtherProvider(name, type) }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive connections would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function record(method: string, url: URL, req: IncomingMessage, rawBody: Buffer): ReceivedRequest {
  const text = rawBody.toString('utf8');
  let body: unknown = undefined;
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return {
    method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams), // later values win, as in QueryDict.get
    headers: { ...req.headers },
    body,
    rawBody: text,
  };
}
