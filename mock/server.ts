/** The HTTP side: listen on loopback, read each request, answer it (with faults), log one line, close cleanly. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { resolve } from 'node:path';
import { findConfig } from '../config';
import { loadSpec } from '../generator/load';
import { buildModel } from '../generator/model';
import { paramError, systemError, type Rejection } from './errors';
import { DEFAULT_SLOW_MS, FAULT_HEADER, normalizeFault, parseFaultHeader, type Fault } from './faults';
import { billRoutes } from './bills';
import { certificatesRoute, MockPlatform } from './certificates';
import { handleExtra, orderRoute, type ExtraRoute } from './extra';
import { handleRequest, type HandlerContext, type Outcome } from './handle';
import { keyObjects, prepareKeys } from './keys';
import { mockServers } from './hosts';
import { Router } from './routing';
import { replaceReply, signReply, type SignedReply } from './sign';
import { sendNotification } from './notify';
import type { FaultSelector, MockServer, MockServerOptions, ReceivedRequest } from './types';
import { mockLimits } from './limits';
import { keepRecord, recordCost } from './record';

export const DEFAULT_SPEC = 'specs/wechatpay.yaml';
export const DEFAULT_HOST = '127.0.0.1';
const MAX_WIRE = 8 * 1024 * 1024;

/** The spec named by wxpay-gen.config.json (found from `cwd` up), else the default. */
function specOfConfig(cwd: string = process.cwd()): string {
  const { dir, config } = findConfig(cwd);
  return resolve(dir, config.spec ?? DEFAULT_SPEC);
}

/** Starts a WeChat Pay simulator serving the operations of a spec. Resolves once it listens. */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const model = options.model ?? buildModel(loadSpec(options.spec ?? specOfConfig(options.cwd), options.cwd));
  const keys = prepareKeys(options.keys);
  const clock = options.clock ?? Date.now;
  const limits = mockLimits(options.limits);
  const ctx: HandlerContext = { router: new Router(model.operations), keys, keyObjects: keyObjects(keys), clock, maxDepth: limits.maxDepth };
  const platform = new MockPlatform(options.platformCertificates === true, keys.wechatpayPrivateKey, clock);
  ctx.platform = platform;
  const routes: ExtraRoute[] = [orderRoute, ...billRoutes(), certificatesRoute(platform, keys.apiV3Key)];
  const log = options.log ?? ((): void => undefined);
  const received: ReceivedRequest[] = [];
  const wire: Buffer[] = [];
  let wireBytes = 0;
  let faults: FaultSelector | undefined = options.faults;
  if (faults !== undefined && typeof faults !== 'function') {
    const checked = normalizeFault(faults);
    if (typeof checked === 'string') throw new TypeError(`startMockServer: ${checked}`);
  }
  let seq = 0;
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('error', () => undefined); // a client that hangs up mid-body: nothing to answer
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limits.maxBodyBytes) chunks.push(c);
    });
    req.on('end', () => {
      seq += 1;
      const n = seq;
      try {
        respond(req, res, Buffer.concat(chunks), size > limits.maxBodyBytes, n);
      } catch {
        // No request may take the server down: whatever failed becomes WeChat Pay's 500.
        internalError(req, res, n);
      }
    });
  });
  server.on('clientError', (_err, socket: Socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  function remember(record: ReceivedRequest): void {
    if (limits.maxReceived === 0) return;
    received.push(keepRecord(record, limits.rejectedBodyBytes));
    // Summed afresh each time (at most maxReceived records): a test may empty or edit the array.
    let cost = 0;
    for (const r of received) cost += recordCost(r);
    const excess = received.length - limits.maxReceived;
    let drop = 0;
    while (drop < received.length - 1 && (drop < excess || cost > limits.maxReceivedBytes)) {
      cost -= recordCost(received[drop] as ReceivedRequest);
      drop++;
    }
    if (drop > 0) received.splice(0, drop);
  }

  function internalError(req: IncomingMessage, res: ServerResponse, n: number): void {
    const requestId = `MOCK-${String(n).padStart(8, '0')}`;
    const method = req.method ?? 'GET';
    const url = (req.url ?? '/').slice(0, 2048);
    try {
      const outcome = early(n, requestId, method, url, { ...systemError(), reason: 'the mock failed while handling the request (internal error)' });
      remember(outcome.record);
      log(`${method} ${(url.split('?')[0] ?? '/').slice(0, 200)} 500 SYSTEM_ERROR (internal error)`);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const signer = platform.current();
      send(res, signReply(outcome.reply, signer ? signer.privateKey : ctx.keyObjects.wechatpayPrivate, signer ? signer.serial : keys.publicKeyId, clock(), requestId, undefined));
    } catch {
      res.destroy();
    }
  }

  server.on('connection', (socket: Socket) => {
    socket.on('data', (chunk: Buffer) => {
      if (wireBytes + chunk.length > MAX_WIRE) return;
      wire.push(chunk);
      wireBytes += chunk.length;
    });
  });

  function respond(req: IncomingMessage, res: ServerResponse, body: Buffer, tooLarge: boolean, n: number): void {
    const requestId = `MOCK-${String(n).padStart(8, '0')}`;
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const pathOnly = (url.split('?')[0] ?? '/').slice(0, 200);
    const headerFault = req.headers[FAULT_HEADER];
    const requested = typeof headerFault === 'string' ? parseFaultHeader(headerFault) : undefined;
    let fault: Fault | undefined;
    let outcome: Outcome;
    if (tooLarge) {
      outcome = early(n, requestId, method, url, paramError({ field: '/', issue: `is larger than the mock's ${limits.maxBodyBytes} byte limit`, location: 'body' }));
    } else if (typeof requested === 'string') {
      outcome = early(n, requestId, method, url, paramError({ field: 'X-Mock-Fault', issue: requested, location: 'header' }));
    } else {
      const incoming = { method, url, headers: req.headers, body };
      outcome = handleExtra(ctx, routes, incoming, n, requestId) ?? handleRequest(ctx, incoming, n, requestId);
      if (outcome.accepted) {
        try {
          fault = requested ?? chooseFault(faults, outcome.record);
        } catch {
          outcome = early(n, requestId, method, url, { ...systemError(), reason: 'the faults function threw or returned an unknown fault' });
        }
      }
    }
    const record: ReceivedRequest = fault ? { ...outcome.record, fault: fault.name } : outcome.record;
    remember(record);
    const signer = platform.current();
    const signed = signReply(replaceReply(outcome.reply, fault), signer ? signer.privateKey : ctx.keyObjects.wechatpayPrivate, signer ? signer.serial : keys.publicKeyId, clock(), requestId, fault);
    const where = record.path ?? pathOnly;
    const line = `${method} ${where} ${signed.status} ${record.verdict}${record.reason ? ` (${record.reason})` : ''}${fault ? ` [fault ${fault.name}]` : ''}`;
    if (fault?.name === 'slow') {
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!res.destroyed) {
          log(line);
          send(res, signed);
        }
      }, fault.delayMs ?? DEFAULT_SLOW_MS);
      timers.add(timer);
      res.on('close', () => {
        if (!timers.delete(timer)) return;
        clearTimeout(timer);
        log(`${line} (the client left before the answer)`);
      });
      return;
    }
    log(line);
    if (fault?.name === 'reset') return sendHalfThenReset(res, signed);
    send(res, signed);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? DEFAULT_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the mock server has no TCP address');
  const host = address.address;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  let closing: Promise<void> | undefined;

  return {
    url,
    host,
    port: address.port,
    keys,
    received,
    wire: () => Buffer.concat(wire),
    clientOptions: () => ({
      mchid: keys.mchid,
      serial: keys.serial,
      privateKey: keys.merchantPrivateKey,
      certs: platform.enabled ? { [platform.certificates()[0]!.serial]: platform.certificates()[0]!.pem } : { [keys.publicKeyId]: keys.wechatpayPublicKey },
      apiV3Key: keys.apiV3Key,
      baseURL: url,
      servers: mockServers(model, url),
    }),
    certificates: () => platform.certificates().map((c) => ({ serial: c.serial, pem: c.pem })),
    rotateCertificate: () => {
      const c = platform.rotate();
      return { serial: c.serial, pem: c.pem };
    },
    setFaults(next) {
      if (next !== undefined && typeof next !== 'function') {
        const checked = normalizeFault(next);
        if (typeof checked === 'string') throw new TypeError(`setFaults: ${checked}`);
      }
      faults = next;
    },
    notify: (target, eventType, data, notifyOptions) => sendNotification(target, keys, model, eventType, data, notifyOptions),
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function early(seq: number, requestId: string, method: string, url: string, r: Rejection): Outcome {
  return {
    record: { seq, requestId, method, url, params: {}, query: {}, headers: {}, body: '', decrypted: false, status: r.status, verdict: r.body.code, reason: r.reason },
    reply: { status: r.status, body: Buffer.from(JSON.stringify(r.body), 'utf8'), contentType: 'application/json; charset=utf-8' },
    accepted: false,
  };
}

function chooseFault(selector: FaultSelector | undefined, record: ReceivedRequest): Fault | undefined {
  const chosen = typeof selector === 'function' ? selector(record) : selector;
  if (chosen === undefined) return undefined;
  const fault = normalizeFault(chosen);
  if (typeof fault === 'string') throw new TypeError(fault);
  return fault;
}

function send(res: ServerResponse, signed: SignedReply): void {
  res.writeHead(signed.status, signed.headers);
  res.end(signed.body);
}

/** Sends the headers and half the body, then resets the connection. */
function sendHalfThenReset(res: ServerResponse, signed: SignedReply): void {
  res.writeHead(signed.status, signed.headers);
  const half = signed.body.subarray(0, Math.max(1, Math.floor(signed.body.length / 2)));
  res.write(half, () => {
    setImmediate(() => {
      const socket = res.socket;
      if (socket && !socket.destroyed) socket.resetAndDestroy();
    });
  });
}
