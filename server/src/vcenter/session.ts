// A logged-in vCenter session over a Transport: SOAP login, the reads behind VCenterSession,
// logout. The password stays in this closure: it is sent in the SOAP Login and the REST session
// request, and never appears in an error, a log line or a property of the returned objects.
import { readDatastores, readEsxiVersions, readNodeVms, readTree, selectDatacenters } from './inventory.js';
import { readStoragePolicies } from './policies.js';
import { retrieveServiceContent, type ServiceContent } from './propertyCollector.js';
import { SoapClient } from './soap.js';
import { readTagCategories } from './tags.js';
import type { Transport } from './transport.js';
import { VCenterError, type PulledInventory, type VCenterSession } from './types.js';
import { readFileServices } from './vsan.js';
import { el, moRef } from './xml.js';

/** Logs in; closes the transport when that fails. Errors are not scrubbed here (see connect). */
export async function openSession(transport: Transport, user: string, password: string, scrub: Scrubber = (f) => f()): Promise<VCenterSession> {
  const soap = new SoapClient(transport);
  try {
    const content = await retrieveServiceContent(soap);
    if (content.about.apiType && content.about.apiType !== 'VirtualCenter') {
      throw new VCenterError(
        'unsupported',
        `${transport.endpoint.display} is ${content.about.fullName || content.about.apiType}, not vCenter; storage policies and tags need vCenter`,
      );
    }
    if (content.about.apiVersion) soap.version = content.about.apiVersion;
    await soap.call('vim25', 'Login', [moRef('_this', content.sessionManager), el('userName', user), el('password', password)]);
    if (!soap.loggedIn) throw new VCenterError('protocol', `${transport.endpoint.display} accepted the login but sent no session cookie`);
    return createSession(transport, soap, content, user, password, scrub);
  } catch (e) {
    transport.close();
    throw e;
  }
}

function createSession(
  transport: Transport,
  soap: SoapClient,
  content: ServiceContent,
  user: string,
  password: string,
  scrub: Scrubber,
): VCenterSession {
  let closed = false;
  const open = () => {
    if (closed) throw new VCenterError('protocol', 'the vCenter session was logged out');
  };
  return {
    pullInventory: (options) =>
      scrub(async (): Promise<PulledInventory> => {
        open();
        const tree = await readTree(soap, content);
        const datacenters = selectDatacenters(tree, options.datacenter);
        const datastores = await readDatastores(soap, content, datacenters);
        const notes = await readFileServices(soap, content, datastores);
        const esxiVersions = await readEsxiVersions(soap, content, datacenters);
        const storagePolicies = await readStoragePolicies(soap);
        const tagCategories = await readTagCategories(transport, user, password);
        const { about } = content;
        return {
          vcenter: {
            version: about.version,
            ...(about.build ? { build: about.build } : {}),
            ...(about.apiVersion ? { apiVersion: about.apiVersion } : {}),
            ...(about.fullName ? { fullName: about.fullName } : {}),
          },
          esxiVersions,
          storagePolicies,
          datastores: datastores.map((d) => d.facts),
          tagCategories,
          ...(notes.length ? { notes } : {}),
        };
      }),
    listNodeVms: (selector) =>
      scrub(async () => {
        open();
        const tree = await readTree(soap, content);
        return readNodeVms(soap, content, tree, selector);
      }),
    logout: async () => {
      if (closed) return;
      closed = true;
      try {
        if (soap.loggedIn) await soap.call('vim25', 'Logout', [moRef('_this', content.sessionManager)]);
      } catch {
        // The session ends on the server by itself; nothing useful to report at this point.
      } finally {
        soap.forgetSession();
        transport.close();
      }
    },
  };
}

export type Scrubber = <T>(f: () => Promise<T>) => Promise<T>;

/**
 * Runs `f` and makes sure whatever it throws is a VCenterError whose message does not contain
 * the password (or its basic-auth form), with no cause or other attached objects.
 */
export function scrubber(password: string, user: string): Scrubber {
  const secrets = [password, Buffer.from(`${user}:${password}`, 'utf8').toString('base64')].filter((s) => s.length >= 3);
  const clean = (message: string) => {
    let m = message;
    for (const s of secrets) m = m.split(s).join('***');
    return m;
  };
  return async (f) => {
    try {
      return await f();
    } catch (e) {
      if (e instanceof VCenterError) throw new VCenterError(e.kind, clean(e.message));
      const message = e instanceof Error ? e.message : String(e);
      throw new VCenterError('protocol', clean(`unexpected error: ${message.split('\n')[0]}`));
    }
  };
}
