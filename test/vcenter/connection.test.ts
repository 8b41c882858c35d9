// Connecting: certificate checks (CA file, pinning, defaults), credentials, unreachable and
// silent servers, and that the password never shows up in errors, objects or output.
import net from 'node:net';
import util from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { connect, VCenterError, type ConnectionOptions } from '../../server/src/vcenter/index.js';
import { parseServer, Transport } from '../../server/src/vcenter/transport.js';
import { startVcsim, vcsimStatus, type Vcsim } from '../helpers/vcsim.js';

const status = vcsimStatus();

/** Every error seen in this file, checked for secrets at the end. */
const seenErrors: unknown[] = [];
const secrets: string[] = [];

async function failure(promise: Promise<unknown>): Promise<VCenterError> {
  try {
    await promise;
  } catch (e) {
    seenErrors.push(e);
    expect(e).toBeInstanceOf(VCenterError);
    expect((e as Error).message).not.toContain('\n');
    return e as VCenterError;
  }
  throw new Error('expected a failure');
}

function serializations(value: unknown): string[] {
  const out = [String(value), util.inspect(value, { depth: Infinity, showHidden: true }), JSON.stringify(value)];
  if (value instanceof Error) out.push(JSON.stringify(value, Object.getOwnPropertyNames(value)), value.stack ?? '');
  return out;
}

let consoleSpies: MockInstance[] = [];
beforeEach(() => {
  consoleSpies = (['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((m) => vi.spyOn(console, m));
});
afterEach(() => {
  for (const spy of consoleSpies) {
    for (const call of spy.mock.calls) for (const s of secrets) expect(util.format(...call)).not.toContain(s);
    spy.mockRestore();
  }
});

describe.skipIf(!status.available)('connecting to the simulator', () => {
  let vc: Vcsim;
  let base: ConnectionOptions;

  beforeAll(async () => {
    vc = await startVcsim({});
    base = { server: vc.server, user: vc.user, password: vc.password };
    secrets.push(vc.password, Buffer.from(`${vc.user}:${vc.password}`).toString('base64'), encodeURIComponent(vc.password));
  });
  afterAll(async () => {
    await vc?.stop();
  });

  describe('TLS', () => {
    it('trusts the server through --ca-file (https:// URL form too)', async () => {
      const session = await connect({ ...base, server: vc.url, caFile: vc.caFile });
      expect((await session.listNodeVms({ namePattern: 'DC0_H0_VM0' })).length).toBe(1);
      for (const text of serializations(session)) for (const s of secrets) expect(text).not.toContain(s);
      await session.logout();
    });

    it('reads an inventory without tag categories or extra policies', async () => {
      const session = await connect({ ...base, caFile: vc.caFile });
      const inv = await session.pullInventory({});
      expect(inv.tagCategories).toEqual([]);
      expect(inv.storagePolicies.length).toBeGreaterThanOrEqual(4);
      expect(inv.vcenter.version).toBe('6.5.0');
      expect(inv.esxiVersions).toEqual(['6.5.0']);
      await session.logout();
    });

    it('refuses an unknown CA by default, with a hint about --ca-file and --thumbprint', async () => {
      const e = await failure(connect(base));
      expect(e.kind).toBe('tls');
      expect(e.message).toContain('--ca-file');
      expect(e.message).toContain('--thumbprint');
      expect(e.message).toContain(vc.thumbprintSha256);
    });

    it('accepts a pinned SHA-256 or SHA-1 thumbprint (any case, with or without colons)', async () => {
      for (const thumbprint of [vc.thumbprintSha256, vc.thumbprintSha1.replace(/:/g, '').toLowerCase()]) {
        const session = await connect({ ...base, thumbprint });
        await session.logout();
      }
    });

    it('refuses a wrong thumbprint, even with the right CA', async () => {
      const wrong = vc.thumbprintSha256.replace(/^../, vc.thumbprintSha256.startsWith('00') ? '11' : '00');
      const e = await failure(connect({ ...base, caFile: vc.caFile, thumbprint: wrong }));
      expect(e.kind).toBe('tls');
      expect(e.message).toContain('does not match --thumbprint');
    });

    it('rejects a malformed thumbprint and an unreadable CA file', async () => {
      expect((await failure(connect({ ...base, thumbprint: 'AB:CD' }))).kind).toBe('tls');
      const e = await failure(connect({ ...base, caFile: '/nonexistent/ca.pem' }));
      expect(e.kind).toBe('tls');
      expect(e.message).toContain('ENOENT');
    });

    it('connects without checks when insecure is set', async () => {
      const session = await connect({ ...base, insecure: true });
      await session.logout();
    });
  });

  it('reports a wrong password as auth, without the password', async () => {
    const wrong = `${vc.password}-wrong`;
    secrets.push(wrong);
    const e = await failure(connect({ ...base, caFile: vc.caFile, password: wrong }));
    expect(e.kind).toBe('auth');
    expect(e.message).toMatch(/user name or password/);
  });

  it('escapes XML in the credentials (the password holds & < \' ")', async () => {
    expect(vc.password).toMatch(/[&<'"]/);
    const session = await connect({ ...base, caFile: vc.caFile });
    await session.logout();
  });

  it('caps the size of answers', async () => {
    const transport = new Transport(parseServer(vc.server), { caFile: vc.caFile }, 64);
    try {
      const e = await failure(transport.request({ method: 'POST', path: '/sdk', body: '<x/>', headers: { 'content-type': 'text/xml' }, what: 'test' }));
      expect(e.kind).toBe('protocol');
      expect(e.message).toContain('larger than');
    } finally {
      transport.close();
    }
  });

  afterAll(() => {
    expect(seenErrors.length).toBeGreaterThan(3);
    for (const e of seenErrors) for (const text of serializations(e)) for (const s of secrets) expect(text).not.toContain(s);
  });
});

describe('servers that are not there or do not answer', () => {
  const password = 'S3cret-password-for-unreachable-tests';
  beforeAll(() => {
    secrets.push(password);
  });

  it('reports a closed port as unreachable', async () => {
    const port = await freePort();
    const e = await failure(connect({ server: `127.0.0.1:${port}`, user: 'u', password }));
    expect(e.kind).toBe('unreachable');
    expect(e.message).toContain('connection refused');
  });

  it('reports an unknown host name as unreachable', async () => {
    const e = await failure(connect({ server: 'no-such-host.invalid', user: 'u', password, timeoutMs: 10_000 }));
    expect(e.kind).toBe('unreachable');
    expect(e.message).toContain('no-such-host.invalid');
  });

  it('times out on a server that accepts the connection and never answers', async () => {
    const sockets: net.Socket[] = [];
    const server = net.createServer((s) => sockets.push(s));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      const started = Date.now();
      const e = await failure(connect({ server: `127.0.0.1:${port}`, user: 'u', password, timeoutMs: 300 }));
      expect(e.kind).toBe('timeout');
      expect(e.message).toContain('0.3 s');
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      for (const s of sockets) s.destroy();
      server.close();
    }
  });

  it('reports a server that does not speak TLS as a TLS problem', async () => {
    const server = net.createServer((s) => s.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      const e = await failure(connect({ server: `127.0.0.1:${port}`, user: 'u', password }));
      expect(e.kind).toBe('tls');
    } finally {
      server.close();
    }
  });

  it('refuses http:// and empty servers', async () => {
    expect((await failure(connect({ server: 'http://vc.example.com', user: 'u', password }))).kind).toBe('unsupported');
    expect((await failure(connect({ server: ' ', user: 'u', password }))).kind).toBe('unreachable');
  });

  afterAll(() => {
    for (const e of seenErrors) for (const text of serializations(e)) expect(text).not.toContain(password);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
