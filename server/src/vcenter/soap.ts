// SOAP calls to vim25 (/sdk), SPBM (/pbm) and the vSAN management API (/vsanHealth), the
// session cookie, and faults turned into VCenterErrors.
import type { Transport } from './transport.js';
import { VCenterError } from './types.js';
import { child, childText, children, el, envelope, isObject, parseXml, text, xsiType, type Xml } from './xml.js';

export type SoapService = 'vim25' | 'pbm' | 'vsan';

const PATHS: Record<SoapService, string> = { vim25: '/sdk', pbm: '/pbm', vsan: '/vsanHealth' };
const NAMESPACES: Record<SoapService, string> = { vim25: 'urn:vim25', pbm: 'urn:pbm', vsan: 'urn:vsan' };
const ENDPOINT_NAMES: Record<SoapService, string> = { vim25: 'vSphere API', pbm: 'storage policy (SPBM)', vsan: 'vSAN management API' };

/**
 * vSAN API version sent in SOAPAction (`urn:vsan/7.0`). VMODL serializers leave out properties
 * newer than the version a call names, and `VsanConfigInfoEx.fileServiceConfig` exists from vSAN
 * 7.0 on, so this is the oldest version that can report File Services.
 */
export const VSAN_API_VERSION = '7.0';

export class SoapClient {
  /** API version used in SOAPAction; replaced by the server's after RetrieveServiceContent. */
  version = '6.5';
  /** `vmware_soap_session` cookie value as the server sent it (maybe quoted). */
  private cookie: string | undefined;

  constructor(private readonly transport: Transport) {}

  get loggedIn(): boolean {
    return this.cookie !== undefined;
  }

  forgetSession(): void {
    this.cookie = undefined;
  }

  /**
   * Calls `method` and returns its `<methodResponse>` element. `body` holds the arguments
   * (`_this` first). Every call sends the vim25 session cookie; PBM calls also carry the session
   * in the `vcSessionCookie` header.
   */
  async call(service: SoapService, method: string, args: Xml[]): Promise<unknown> {
    const ns = NAMESPACES[service];
    const header = service === 'pbm' && this.cookie ? el('vcSessionCookie', this.cookie.replace(/^"|"$/g, '')) : undefined;
    const headers: Record<string, string> = {
      'content-type': 'text/xml; charset=utf-8',
      soapaction: `${ns}/${service === 'vsan' ? VSAN_API_VERSION : this.version}`,
      accept: 'text/xml',
    };
    if (this.cookie) headers.cookie = `vmware_soap_session=${this.cookie}`;
    const res = await this.transport.request({
      method: 'POST',
      path: PATHS[service],
      headers,
      body: envelope(el(method, args, { xmlns: ns }), header),
      what: method,
    });

    // The vim25 session is the one session; an optional service does not replace it.
    const sessionCookie = service === 'vsan' ? undefined : readSessionCookie(res.headers['set-cookie']);
    if (sessionCookie) this.cookie = sessionCookie;

    const where = `${this.transport.endpoint.display}${PATHS[service]}`;
    let doc: Record<string, unknown> | undefined;
    if (/xml/i.test(String(res.headers['content-type'] ?? '')) || res.body.trimStart().startsWith('<')) {
      try {
        doc = parseXml(res.body);
      } catch {
        doc = undefined;
      }
    }
    const body = child(child(doc, 'Envelope'), 'Body');
    const fault = child(body, 'Fault');
    if (fault !== undefined) throw faultError(fault, method, where);
    if (res.status === 401) throw new VCenterError('auth', `${where} refused ${method}: not authenticated`);
    if (res.status === 403) throw new VCenterError('privilege', `${where} refused ${method}: permission denied`);
    if (res.status === 404) {
      throw new VCenterError('unsupported', `${where} has no ${ENDPOINT_NAMES[service]} endpoint (HTTP 404)`);
    }
    if (res.status !== 200 || body === undefined) {
      throw new VCenterError('protocol', `unexpected answer from ${where} to ${method} (HTTP ${res.status}${body === undefined ? ', not SOAP' : ''})`);
    }
    const response = child(body, `${method}Response`);
    if (response === undefined) throw new VCenterError('protocol', `${where} sent no ${method}Response`);
    return response;
  }
}

function readSessionCookie(setCookie: string[] | undefined): string | undefined {
  for (const line of setCookie ?? []) {
    const m = /^\s*vmware_soap_session=([^;]*)/.exec(line);
    if (m && m[1]) return m[1];
  }
  return undefined;
}

/** Fault types (without the `Fault` suffix) that mean "this vCenter cannot do that". */
const UNSUPPORTED = new Set(['NotImplemented', 'NotSupported', 'MethodNotFound', 'RestrictedVersion', 'ManagedObjectNotFound']);

function faultError(fault: unknown, method: string, where: string): VCenterError {
  const detail = child(fault, 'detail');
  let type = '';
  let info: unknown;
  if (isObject(detail)) {
    for (const [key, value] of Object.entries(detail)) {
      if (key.startsWith('@') || key === '#text') continue;
      info = Array.isArray(value) ? value[0] : value;
      type = xsiType(info) ?? key.replace(/Fault$/, '');
      break;
    }
  }
  const faultString = oneLine(childText(fault, 'faultstring') ?? '');
  const what = faultString ? `: ${faultString}` : '';
  switch (type) {
    case 'InvalidLogin':
      return new VCenterError('auth', `${where} rejected the user name or password (InvalidLogin)`);
    case 'NotAuthenticated':
      return new VCenterError('auth', `${where} refused ${method}: the session is not (or no longer) authenticated`);
    case 'NoPermission':
    case 'PbmNoPermission': {
      const privileges = [
        ...children(info, 'privilegeId').map(text),
        ...children(info, 'missingPrivileges').flatMap((m) => children(m, 'privileges').map(text)),
      ].filter(Boolean);
      const on = child(info, 'object');
      const object = on !== undefined ? ` on ${isObject(on) && typeof on['@type'] === 'string' ? `${on['@type']} ` : ''}${text(on)}` : '';
      const need = privileges.length ? `the privilege ${[...new Set(privileges)].join(', ')}` : 'a privilege';
      return new VCenterError('privilege', `${method} needs ${need}${object}, which the user does not have`);
    }
  }
  if (UNSUPPORTED.has(type)) return new VCenterError('unsupported', `${where} does not support ${method} (${type})${what}`);
  return new VCenterError('protocol', `${method} failed at ${where} (${type || 'fault'})${what}`);
}

function oneLine(s: string): string {
  const line = s.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}
