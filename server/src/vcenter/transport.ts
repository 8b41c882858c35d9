// HTTPS to vCenter with node:https: certificate checks (system roots + --ca-file, --thumbprint
// pinning, --insecure), a timeout on every request, a cap on response sizes, and errors turned
// into one-line VCenterErrors. Nothing is written on a connection (not even headers, so no
// cookie and no password) before its certificate has been accepted.
import fs from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { VCenterError, type ConnectionOptions } from './types.js';

export const DEFAULT_TIMEOUT_MS = 30_000;
/** Larger answers are refused: paging keeps legitimate ones far below this. */
export const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

export interface Endpoint {
  host: string;
  port: number;
  /** `host:port` for messages. */
  display: string;
}

/** `vc.example.com`, `vc.example.com:8443`, `https://vc.example.com/sdk`, `[::1]:443`. */
export function parseServer(server: string): Endpoint {
  const raw = server.trim();
  if (!raw) throw new VCenterError('unreachable', 'no vCenter server given');
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
  } catch {
    throw new VCenterError('unreachable', `"${raw}" is not a host name or https:// URL`);
  }
  if (url.protocol !== 'https:') {
    throw new VCenterError('unsupported', `${url.protocol}// is not supported; vCenter is reached over https://`);
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = url.port ? Number(url.port) : 443;
  return { host, port, display: net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}` };
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** What the request is for, used in timeout messages (`Login`, `list tag categories`). */
  what: string;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

const TLS_HINT = 'pass --ca-file with the PEM of the CA that signed it, or pin the certificate with --thumbprint';

interface AgentInternals {
  createConnection(options: unknown, callback?: unknown): unknown;
}

export class Transport {
  private readonly agent: https.Agent;
  private readonly pin?: { algorithm: 'sha1' | 'sha256'; hex: string };
  private readonly verdicts = new WeakMap<object, Promise<VCenterError | undefined>>();
  readonly timeoutMs: number;

  constructor(
    readonly endpoint: Endpoint,
    private readonly options: Pick<ConnectionOptions, 'caFile' | 'thumbprint' | 'insecure' | 'timeoutMs'>,
    private readonly maxResponseBytes = MAX_RESPONSE_BYTES,
  ) {
    this.timeoutMs = options.timeoutMs && options.timeoutMs > 0 ? options.timeoutMs : DEFAULT_TIMEOUT_MS;
    let ca: string[] | undefined;
    if (options.caFile) {
      let pem: string;
      try {
        pem = fs.readFileSync(options.caFile, 'utf8');
      } catch (e) {
        throw new VCenterError('tls', `cannot read the --ca-file ${options.caFile}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
      }
      if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
        throw new VCenterError('tls', `the --ca-file ${options.caFile} holds no PEM certificate`);
      }
      ca = [...tls.rootCertificates, pem];
    }
    if (options.thumbprint) {
      const hex = options.thumbprint.replace(/[\s:]/g, '').toUpperCase();
      if (!/^[0-9A-F]+$/.test(hex) || (hex.length !== 40 && hex.length !== 64)) {
        throw new VCenterError('tls', '--thumbprint must be the SHA-1 or SHA-256 fingerprint of the certificate in hex (AA:BB:...)');
      }
      this.pin = { algorithm: hex.length === 40 ? 'sha1' : 'sha256', hex };
    }
    // Chain and host name are checked in checkPeer (so pinning and good messages are possible);
    // Node still computes `authorized` for every connection. Each new connection gets its
    // verdict as soon as its handshake is done; requests wait for it before writing anything.
    // No TLS session resumption: a resumed connection shows no peer certificate to check.
    const agent = new https.Agent({ keepAlive: true, maxSockets: 4, maxCachedSessions: 0, rejectUnauthorized: false, ...(ca ? { ca } : {}) });
    const createConnection = (agent as unknown as AgentInternals).createConnection.bind(agent);
    (agent as unknown as AgentInternals).createConnection = (opts, callback) => {
      const socket = createConnection(opts, callback) as tls.TLSSocket;
      this.verdicts.set(
        socket,
        new Promise((resolve) => {
          socket.once('secureConnect', () => resolve(this.checkPeer(socket)));
          // Errors before the handshake is done reach the request's 'error' handler.
          socket.once('close', () => resolve(new VCenterError('unreachable', `${endpoint.display} closed the connection during the TLS handshake`)));
        }),
      );
      return socket;
    };
    this.agent = agent;
  }

  request(req: HttpRequest): Promise<HttpResponse> {
    const { endpoint } = this;
    return new Promise<HttpResponse>((resolve, reject) => {
      let done = false;
      const finish = (error: VCenterError | undefined, response?: HttpResponse) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        if (error) {
          request.destroy();
          reject(error);
        } else resolve(response!);
      };
      const timer = setTimeout(() => {
        finish(new VCenterError('timeout', `${endpoint.display} did not answer within ${formatSeconds(this.timeoutMs)} (${req.what})`));
      }, this.timeoutMs);

      const body = req.body === undefined ? undefined : Buffer.from(req.body, 'utf8');
      const request = https.request({
        host: endpoint.host,
        port: endpoint.port,
        method: req.method,
        path: req.path,
        agent: this.agent,
        headers: { ...req.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
      });
      request.on('error', (e) => finish(describeNetworkError(e as NodeJS.ErrnoException, endpoint)));

      const send = () => {
        if (!done) request.end(body);
      };
      request.on('socket', (socket) => {
        const verdict = this.verdicts.get(socket);
        if (!verdict) {
          finish(new VCenterError('protocol', `internal error: unverified connection to ${endpoint.display}`));
          return;
        }
        void verdict.then((problem) => {
          if (!problem) send();
          else {
            finish(problem);
            socket.destroy();
          }
        });
      });

      request.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > this.maxResponseBytes) {
            finish(new VCenterError('protocol', `the answer of ${endpoint.display} to ${req.what} is larger than ${Math.round(this.maxResponseBytes / 1048576)} MB`));
            res.destroy();
            return;
          }
          chunks.push(chunk);
        });
        res.on('error', (e) => finish(describeNetworkError(e as NodeJS.ErrnoException, endpoint)));
        res.on('end', () => finish(undefined, { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      });
    });
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.agent.destroy();
  }

  private checkPeer(socket: tls.TLSSocket): VCenterError | undefined {
    const { display } = this.endpoint;
    const cert = socket.getPeerCertificate();
    if (!cert || !cert.raw) return new VCenterError('tls', `${display} sent no certificate`);
    if (this.pin) {
      const actual = (this.pin.algorithm === 'sha1' ? cert.fingerprint : cert.fingerprint256).replace(/:/g, '').toUpperCase();
      if (actual !== this.pin.hex) {
        return new VCenterError(
          'tls',
          `the certificate of ${display} does not match --thumbprint (its SHA-256 thumbprint is ${cert.fingerprint256}); check that you reach the right server`,
        );
      }
      return undefined;
    }
    if (this.options.insecure || socket.authorized) return undefined;
    const reason = describeTlsCode(String(socket.authorizationError ?? 'not trusted'));
    return new VCenterError('tls', `the certificate of ${display} is not trusted (${reason}); ${TLS_HINT} ${cert.fingerprint256}`);
  }
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

function describeTlsCode(code: string): string {
  switch (code) {
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return 'self-signed certificate';
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return 'signed by an unknown CA';
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      return 'signed by an unknown CA';
    case 'CERT_HAS_EXPIRED':
      return 'certificate expired';
    case 'CERT_NOT_YET_VALID':
      return 'certificate not yet valid';
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return 'the certificate is for another host name';
    default:
      return code;
  }
}

const UNREACHABLE: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EHOSTDOWN: 'host down',
  EADDRNOTAVAIL: 'address not available',
};

function describeNetworkError(e: NodeJS.ErrnoException, endpoint: Endpoint): VCenterError {
  if (e instanceof VCenterError) return e;
  const code = e.code ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
    return new VCenterError('unreachable', `cannot resolve the host name ${endpoint.host}`);
  }
  if (code === 'ETIMEDOUT') return new VCenterError('timeout', `connecting to ${endpoint.display} timed out`);
  if (UNREACHABLE[code]) return new VCenterError('unreachable', `cannot connect to ${endpoint.display}: ${UNREACHABLE[code]}`);
  if (code.startsWith('ERR_SSL') || code === 'EPROTO' || code.startsWith('ERR_TLS') || /CERT|SSL|TLS/.test(code)) {
    return new VCenterError('tls', `TLS handshake with ${endpoint.display} failed (${code}); is it an https port? ${TLS_HINT}`);
  }
  if (e.message === 'socket hang up') return new VCenterError('unreachable', `${endpoint.display} closed the connection`);
  return new VCenterError('unreachable', `cannot talk to ${endpoint.display}: ${code || e.message.split('\n')[0]}`);
}
