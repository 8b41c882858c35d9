// Protocol details the simulator cannot show, against a scripted fake transport: SOAP faults
// (permissions, lost sessions, missing endpoints), PropertyCollector paging and its bound, the
// newer /api REST flavor and its errors, ESXi instead of vCenter, vSAN File Services from the vSAN
// management API, and XML escaping.
import { describe, expect, it } from 'vitest';
import type { Datacenter, DatastoreObject } from '../../server/src/vcenter/inventory.js';
import { MAX_OBJECTS, retrieveFromContainer, type ServiceContent } from '../../server/src/vcenter/propertyCollector.js';
import { openSession } from '../../server/src/vcenter/session.js';
import { SoapClient } from '../../server/src/vcenter/soap.js';
import { readTagCategories } from '../../server/src/vcenter/tags.js';
import type { HttpRequest, HttpResponse, Transport } from '../../server/src/vcenter/transport.js';
import { VCenterError } from '../../server/src/vcenter/types.js';
import { readFileServices } from '../../server/src/vcenter/vsan.js';
import { el, envelope, escapeXml, parseXml } from '../../server/src/vcenter/xml.js';

type Handler = (req: HttpRequest) => Partial<HttpResponse> & { body?: string };

function fakeTransport(handler: Handler): Transport & { requests: HttpRequest[] } {
  const requests: HttpRequest[] = [];
  return {
    endpoint: { host: 'vc.test', port: 443, display: 'vc.test:443' },
    timeoutMs: 1000,
    requests,
    async request(req: HttpRequest): Promise<HttpResponse> {
      requests.push(req);
      const res = handler(req);
      return { status: res.status ?? 200, headers: res.headers ?? { 'content-type': 'text/xml' }, body: res.body ?? '' };
    },
    close() {},
  } as unknown as Transport & { requests: HttpRequest[] };
}

const soapBody = (inner: string) => envelope(el('x', null)).replace('<x></x>', inner);
const fault = (detail: string, faultString = '') =>
  ({
    status: 500,
    body: soapBody(`<soapenv:Fault><faultcode>ServerFaultCode</faultcode><faultstring>${faultString}</faultstring><detail>${detail}</detail></soapenv:Fault>`),
  }) as const;
const method = (req: HttpRequest) => /<soapenv:Body><(\w+)/.exec(req.body ?? '')?.[1];

const content: ServiceContent = {
  rootFolder: { type: 'Folder', value: 'group-d1' },
  propertyCollector: { type: 'PropertyCollector', value: 'propertyCollector' },
  viewManager: { type: 'ViewManager', value: 'ViewManager' },
  sessionManager: { type: 'SessionManager', value: 'SessionManager' },
  about: { version: '8.0.2' },
};

async function failure(p: Promise<unknown>): Promise<VCenterError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(VCenterError);
    return e as VCenterError;
  }
  throw new Error('expected a failure');
}

describe('SOAP faults', () => {
  it('names the missing privilege of NoPermission (privilegeId and missingPrivileges forms)', async () => {
    const older = new SoapClient(
      fakeTransport(() => fault('<NoPermissionFault xmlns="urn:vim25" xsi:type="NoPermission"><object type="Folder">group-d1</object><privilegeId>System.View</privilegeId></NoPermissionFault>')),
    );
    const e1 = await failure(older.call('vim25', 'CreateContainerView', []));
    expect(e1.kind).toBe('privilege');
    expect(e1.message).toBe('CreateContainerView needs the privilege System.View on Folder group-d1, which the user does not have');

    const newer = new SoapClient(
      fakeTransport(() =>
        fault(
          '<NoPermissionFault xmlns="urn:vim25" xsi:type="NoPermission"><object type="Datastore">datastore-1</object>' +
            '<missingPrivileges><entity type="Datastore">datastore-1</entity><privileges>Datastore.Browse</privileges><privileges>StorageProfile.View</privileges></missingPrivileges></NoPermissionFault>',
        ),
      ),
    );
    const e2 = await failure(newer.call('pbm', 'PbmQueryProfile', []));
    expect(e2.kind).toBe('privilege');
    expect(e2.message).toContain('Datastore.Browse, StorageProfile.View');
  });

  it('maps NotAuthenticated and InvalidLogin to auth, unknown methods to unsupported, others to protocol', async () => {
    const cases: [string, VCenterError['kind']][] = [
      ['<NotAuthenticatedFault xmlns="urn:vim25" xsi:type="NotAuthenticated"><object type="Folder">group-d1</object></NotAuthenticatedFault>', 'auth'],
      ['<InvalidLoginFault xmlns="urn:vim25" xsi:type="InvalidLogin"></InvalidLoginFault>', 'auth'],
      ['<MethodNotFoundFault xmlns="urn:vim25" xsi:type="MethodNotFound"><receiver type="Folder">x</receiver><method>Foo</method></MethodNotFoundFault>', 'unsupported'],
      ['<InvalidArgumentFault xmlns="urn:vim25" xsi:type="InvalidArgument"><invalidProperty>spec</invalidProperty></InvalidArgumentFault>', 'protocol'],
    ];
    for (const [detail, kind] of cases) {
      const e = await failure(new SoapClient(fakeTransport(() => fault(detail, 'line one\nline two'))).call('vim25', 'Foo', []));
      expect(e.kind).toBe(kind);
      expect(e.message).not.toContain('\n');
    }
  });

  it('reports HTTP errors without a SOAP body', async () => {
    expect((await failure(new SoapClient(fakeTransport(() => ({ status: 404, body: 'not found', headers: {} }))).call('pbm', 'PbmRetrieveServiceContent', []))).kind).toBe(
      'unsupported',
    );
    expect((await failure(new SoapClient(fakeTransport(() => ({ status: 503, body: '<html/>', headers: {} }))).call('vim25', 'Login', []))).kind).toBe('protocol');
  });

  it('sends the session cookie and, on /pbm, the vcSessionCookie header', async () => {
    const transport = fakeTransport((req) =>
      method(req) === 'Login'
        ? { headers: { 'set-cookie': ['vmware_soap_session="52ab-cd"; Path=/; HttpOnly; Secure'] }, body: soapBody('<LoginResponse xmlns="urn:vim25"><returnval/></LoginResponse>') }
        : { body: soapBody('<PbmQueryProfileResponse xmlns="urn:pbm"></PbmQueryProfileResponse>') },
    );
    const soap = new SoapClient(transport);
    await soap.call('vim25', 'Login', []);
    await soap.call('pbm', 'PbmQueryProfile', []);
    const pbm = transport.requests[1]!;
    expect(pbm.path).toBe('/pbm');
    expect(pbm.headers!.cookie).toBe('vmware_soap_session="52ab-cd"');
    expect(pbm.body).toContain('<soapenv:Header><vcSessionCookie>52ab-cd</vcSessionCookie></soapenv:Header>');
  });
});

describe('PropertyCollector paging', () => {
  const object = (i: number) =>
    `<objects><obj type="VirtualMachine">vm-${i}</obj><propSet><name>name</name><val xsi:type="xsd:string">vm ${i}</val></propSet></objects>`;

  it('follows ContinueRetrievePropertiesEx tokens and destroys the view', async () => {
    const transport = fakeTransport((req) => {
      switch (method(req)) {
        case 'CreateContainerView':
          return { body: soapBody('<CreateContainerViewResponse xmlns="urn:vim25"><returnval type="ContainerView">session[1]view</returnval></CreateContainerViewResponse>') };
        case 'RetrievePropertiesEx':
          return { body: soapBody(`<RetrievePropertiesExResponse xmlns="urn:vim25"><returnval><token>t1</token>${object(1)}${object(2)}</returnval></RetrievePropertiesExResponse>`) };
        case 'ContinueRetrievePropertiesEx':
          return { body: soapBody(`<ContinueRetrievePropertiesExResponse xmlns="urn:vim25"><returnval>${object(3)}</returnval></ContinueRetrievePropertiesExResponse>`) };
        default:
          return { body: soapBody(`<${method(req)}Response xmlns="urn:vim25"/>`) };
      }
    });
    const objects = await retrieveFromContainer(new SoapClient(transport), content, content.rootFolder, { VirtualMachine: ['name'] });
    expect(objects.map((o) => o.ref.value)).toEqual(['vm-1', 'vm-2', 'vm-3']);
    expect(transport.requests.map(method)).toEqual(['CreateContainerView', 'RetrievePropertiesEx', 'ContinueRetrievePropertiesEx', 'DestroyView']);
    expect(transport.requests[1]!.body).toContain('<options><maxObjects>500</maxObjects></options>');
    expect(transport.requests[2]!.body).toContain('<token>t1</token>');
  });

  it(`stops after ${MAX_OBJECTS} objects, cancels the query and says how to narrow it`, async () => {
    const page = `<returnval><token>more</token>${Array.from({ length: 500 }, (_, i) => object(i)).join('')}</returnval>`;
    const transport = fakeTransport((req) => {
      const m = method(req)!;
      if (m === 'CreateContainerView') return { body: soapBody(`<${m}Response xmlns="urn:vim25"><returnval type="ContainerView">v</returnval></${m}Response>`) };
      if (m.endsWith('RetrievePropertiesEx') && m !== 'CancelRetrievePropertiesEx') return { body: soapBody(`<${m}Response xmlns="urn:vim25">${page}</${m}Response>`) };
      return { body: soapBody(`<${m}Response xmlns="urn:vim25"/>`) };
    });
    const e = await failure(retrieveFromContainer(new SoapClient(transport), content, content.rootFolder, { VirtualMachine: ['name'] }));
    expect(e.kind).toBe('protocol');
    expect(e.message).toContain('narrow');
    const methods = transport.requests.map(method);
    expect(methods).toContain('CancelRetrievePropertiesEx');
    expect(methods.at(-1)).toBe('DestroyView');
    expect(methods.filter((m) => m === 'ContinueRetrievePropertiesEx').length).toBe(MAX_OBJECTS / 500 - 1);
  });
});

describe('tag categories over REST', () => {
  it('uses /api (vCenter 7.0 U2+) when it exists, and deletes the session', async () => {
    const transport = fakeTransport((req) => {
      const json = (v: unknown, status = 200) => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(v) });
      if (req.path === '/api/session') return req.method === 'POST' ? json('tok-1', 201) : json(null, 204);
      expect(req.headers?.['vmware-api-session-id']).toBe('tok-1');
      if (req.path === '/api/cis/tagging/category') return json(['urn:c1']);
      if (req.path === '/api/cis/tagging/category/urn%3Ac1') return json({ id: 'urn:c1', name: 'k8s-zone', cardinality: 'SINGLE', associable_types: ['HostSystem', 'Datastore'] });
      if (req.path === '/api/cis/tagging/tag?action=list-tags-for-category') {
        expect(JSON.parse(req.body!)).toEqual({ category_id: 'urn:c1' });
        return json(['urn:t1', 'urn:t2']);
      }
      if (req.path === '/api/cis/tagging/tag/urn%3At1') return json({ name: 'zone-b' });
      if (req.path === '/api/cis/tagging/tag/urn%3At2') return json({ name: 'zone-a' });
      return json({ error_type: 'NOT_FOUND' }, 404);
    });
    const categories = await readTagCategories(transport, 'u', 'p');
    expect(categories).toEqual([{ name: 'k8s-zone', id: 'urn:c1', cardinality: 'SINGLE', associableTypes: ['Datastore', 'HostSystem'], tags: ['zone-a', 'zone-b'] }]);
    expect(transport.requests[0]!.headers!.authorization).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
    expect(transport.requests.at(-1)).toMatchObject({ method: 'DELETE', path: '/api/session' });
  });

  it('says when there is no REST API at all', async () => {
    const e = await failure(readTagCategories(fakeTransport(() => ({ status: 404, headers: {}, body: '' })), 'u', 'p'));
    expect(e.kind).toBe('unsupported');
    expect(e.message).toContain('/rest/com/vmware/cis/session');
  });

  it('maps 401 to auth and 403 to privilege (with the server message), and still deletes the session', async () => {
    expect((await failure(readTagCategories(fakeTransport(() => ({ status: 401, headers: {}, body: '' })), 'u', 'p'))).kind).toBe('auth');
    const transport = fakeTransport((req) => {
      if (req.path.endsWith('/session')) return { status: req.path.startsWith('/api') ? 404 : 200, headers: {}, body: JSON.stringify({ value: 'tok' }) };
      return {
        status: 403,
        headers: {},
        body: JSON.stringify({ type: 'com.vmware.vapi.std.errors.unauthorized', value: { messages: [{ default_message: 'Missing privilege InventoryService.Tagging.Read' }] } }),
      };
    });
    const e = await failure(readTagCategories(transport, 'u', 'p'));
    expect(e.kind).toBe('privilege');
    expect(e.message).toContain('InventoryService.Tagging.Read');
    expect(transport.requests.at(-1)).toMatchObject({ method: 'DELETE', path: '/rest/com/vmware/cis/session' });
  });
});

describe('connecting', () => {
  it('refuses an ESXi host: storage policies and tags need vCenter', async () => {
    const transport = fakeTransport(() => ({
      body: soapBody(
        '<RetrieveServiceContentResponse xmlns="urn:vim25"><returnval><rootFolder type="Folder">ha-folder-root</rootFolder><propertyCollector type="PropertyCollector">ha-property-collector</propertyCollector>' +
          '<viewManager type="ViewManager">ViewManager</viewManager><about><fullName>VMware ESXi 8.0.2 build-22380479</fullName><version>8.0.2</version><apiType>HostAgent</apiType><apiVersion>8.0.2.0</apiVersion></about>' +
          '<sessionManager type="SessionManager">ha-sessionmgr</sessionManager></returnval></RetrieveServiceContentResponse>',
      ),
    }));
    const e = await failure(openSession(transport, 'root', 'pw'));
    expect(e.kind).toBe('unsupported');
    expect(e.message).toContain('VMware ESXi 8.0.2');
    expect(transport.requests.map(method)).toEqual(['RetrieveServiceContent']);
  });
});

describe('vSAN File Services (vSAN management API on /vsanHealth)', () => {
  const dc: Datacenter = {
    ref: { type: 'Datacenter', value: 'datacenter-1' },
    name: 'DC0',
    path: '/DC0',
    vmFolder: { type: 'Folder', value: 'group-v1' },
    hostFolder: { type: 'Folder', value: 'group-h1' },
    datastoreFolder: { type: 'Folder', value: 'group-s1' },
  };
  const datastore = (id: string, name: string, type: string): DatastoreObject => ({
    ref: { type: 'Datastore', value: id },
    datacenter: dc,
    facts: { name, url: `ds:///vmfs/volumes/${id}/`, type, datacenter: 'DC0' },
  });
  /** ClusterComputeResource.datastore as RetrievePropertiesEx returns it. */
  const cluster = (id: string, datastores: string[]) =>
    `<objects><obj type="ClusterComputeResource">${id}</obj><propSet><name>datastore</name><val xsi:type="ArrayOfManagedObjectReference">` +
    datastores.map((d) => `<ManagedObjectReference type="Datastore" xsi:type="ManagedObjectReference">${d}</ManagedObjectReference>`).join('') +
    '</val></propSet></objects>';
  /** A VsanClusterGetConfigResponse (VsanConfigInfoEx); `fileServices` undefined leaves fileServiceConfig out. */
  const config = (vsanEnabled: boolean, fileServices?: boolean) => ({
    body: soapBody(
      '<VsanClusterGetConfigResponse xmlns="urn:vsan"><returnval xsi:type="VsanConfigInfoEx">' +
        `<enabled>${vsanEnabled}</enabled><defaultConfig><uuid>52ba1c2d-0f3e-4a5b-8c6d-7e8f90a1b2c3</uuid><autoClaimStorage>false</autoClaimStorage></defaultConfig>` +
        '<dataEfficiencyConfig><dedupEnabled>false</dedupEnabled><compressionEnabled>false</compressionEnabled></dataEfficiencyConfig>' +
        (fileServices === undefined ? '' : `<fileServiceConfig><enabled>${fileServices}</enabled><fileServerMemoryMB>4096</fileServerMemoryMB></fileServiceConfig>`) +
        '</returnval></VsanClusterGetConfigResponse>',
    ),
  });
  const clusterOf = (req: HttpRequest) => /<cluster type="ClusterComputeResource">([^<]+)<\/cluster>/.exec(req.body ?? '')?.[1];

  /** A logged-in client whose vCenter has `clusters` below DC0 and answers /vsanHealth with `vsan`. */
  async function setup(clusters: string, vsan: (clusterId: string | undefined, req: HttpRequest) => ReturnType<Handler>) {
    const transport = fakeTransport((req) => {
      if (req.path === '/vsanHealth') return vsan(clusterOf(req), req);
      const m = method(req)!;
      switch (m) {
        case 'Login':
          return { headers: { 'set-cookie': ['vmware_soap_session="52ab-cd"; Path=/; HttpOnly; Secure'] }, body: soapBody('<LoginResponse xmlns="urn:vim25"><returnval/></LoginResponse>') };
        case 'CreateContainerView':
          return { body: soapBody(`<${m}Response xmlns="urn:vim25"><returnval type="ContainerView">session[1]view</returnval></${m}Response>`) };
        case 'RetrievePropertiesEx':
          return { body: soapBody(`<${m}Response xmlns="urn:vim25"><returnval>${clusters}</returnval></${m}Response>`) };
        default:
          return { body: soapBody(`<${m}Response xmlns="urn:vim25"/>`) };
      }
    });
    const soap = new SoapClient(transport);
    await soap.call('vim25', 'Login', []);
    return { soap, transport, vsanRequests: () => transport.requests.filter((r) => r.path === '/vsanHealth') };
  }

  it('reads fileServiceConfig.enabled per cluster: enabled → true, disabled → false; other datastores untouched', async () => {
    const { soap, transport, vsanRequests } = await setup(
      cluster('domain-c1', ['datastore-11', 'datastore-12']) + cluster('domain-c2', ['datastore-21']) + cluster('domain-c3', ['datastore-12']),
      (id) => (id === 'domain-c1' ? config(true, true) : config(true, false)),
    );
    const datastores = [datastore('datastore-11', 'vsan-a', 'vsan'), datastore('datastore-12', 'vmfs-1', 'vmfs'), datastore('datastore-21', 'vsan-b', 'vsan'), datastore('datastore-31', 'nfs-1', 'nfs')];
    expect(await readFileServices(soap, content, datastores)).toEqual([]);
    expect(datastores.map((d) => d.facts.fileServices)).toEqual([true, undefined, false, undefined]);
    expect('fileServices' in datastores[1]!.facts).toBe(false);
    expect('fileServices' in datastores[3]!.facts).toBe(false);

    // The clusters come from one container view below the datacenter's host folder.
    const create = transport.requests.find((r) => method(r) === 'CreateContainerView')!;
    expect(create.body).toContain('<container type="Folder">group-h1</container><type>ClusterComputeResource</type>');
    expect(transport.requests.find((r) => method(r) === 'RetrievePropertiesEx')!.body).toContain('<pathSet>datastore</pathSet>');

    // Only the clusters with a vSAN datastore are asked (not domain-c3), on /vsanHealth with the
    // urn:vsan namespace, the vSAN API version and the vim25 session cookie.
    const requests = vsanRequests();
    expect(requests.map(clusterOf)).toEqual(['domain-c1', 'domain-c2']);
    const req = requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.headers).toMatchObject({ soapaction: 'urn:vsan/7.0', cookie: 'vmware_soap_session="52ab-cd"' });
    expect(req.body).toContain(
      '<soapenv:Body><VsanClusterGetConfig xmlns="urn:vsan"><_this type="VsanVcClusterConfigSystem">vsan-cluster-config-system</_this>' +
        '<cluster type="ClusterComputeResource">domain-c1</cluster></VsanClusterGetConfig></soapenv:Body>',
    );
    expect(req.body).not.toContain('soapenv:Header');
  });

  it('leaves fileServices unknown and notes it when there is no /vsanHealth (HTTP 404), asking only once', async () => {
    const { soap, vsanRequests } = await setup(cluster('domain-c1', ['datastore-11']) + cluster('domain-c2', ['datastore-21']), () => ({ status: 404, headers: {}, body: '' }));
    const datastores = [datastore('datastore-11', 'vsan-a', 'vsan'), datastore('datastore-21', 'vsan-b', 'vsan')];
    const notes = await readFileServices(soap, content, datastores);
    expect(datastores.map((d) => d.facts.fileServices)).toEqual([undefined, undefined]);
    expect(notes).toEqual(['vSAN File Services unknown for vsan-a, vsan-b (fileServices left as it is): vc.test:443/vsanHealth has no vSAN management API endpoint (HTTP 404)']);
    expect(vsanRequests()).toHaveLength(1);
  });

  it('leaves the datastore of a cluster that answers with a fault unknown, and still asks the other clusters', async () => {
    const { soap, vsanRequests } = await setup(cluster('domain-c1', ['datastore-11']) + cluster('domain-c2', ['datastore-21']), (id) =>
      id === 'domain-c1'
        ? fault('<VsanFaultFault xmlns="urn:vsan" xsi:type="VsanFault"><faultMessage><key>com.vmware.vsan.health.msg.unavailable</key></faultMessage></VsanFaultFault>', 'vSAN health service unavailable\nretry')
        : config(true, true),
    );
    const datastores = [datastore('datastore-11', 'vsan-a', 'vsan'), datastore('datastore-21', 'vsan-b', 'vsan')];
    const notes = await readFileServices(soap, content, datastores);
    expect(datastores.map((d) => d.facts.fileServices)).toEqual([undefined, true]);
    expect(vsanRequests()).toHaveLength(2);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toBe('vSAN File Services unknown for vsan-a (fileServices left as it is): VsanClusterGetConfig failed at vc.test:443/vsanHealth (VsanFault): vSAN health service unavailable retry');
  });

  it('stops at a timeout, and leaves unknown what vCenter does not report', async () => {
    const timedOut = await setup(cluster('domain-c1', ['datastore-11']) + cluster('domain-c2', ['datastore-21']), () => {
      throw new VCenterError('timeout', 'vc.test:443 did not answer within 1 s (VsanClusterGetConfig)');
    });
    const first = [datastore('datastore-11', 'vsan-a', 'vsan'), datastore('datastore-21', 'vsan-b', 'vsan')];
    expect(await readFileServices(timedOut.soap, content, first)).toEqual([expect.stringContaining('vsan-a, vsan-b (fileServices left as it is): vc.test:443 did not answer within 1 s')]);
    expect(first.map((d) => d.facts.fileServices)).toEqual([undefined, undefined]);
    expect(timedOut.vsanRequests()).toHaveLength(1);

    const silent = await setup(cluster('domain-c1', ['datastore-11']), () => config(true));
    const second = [datastore('datastore-11', 'vsan-a', 'vsan')];
    expect(await readFileServices(silent.soap, content, second)).toEqual([expect.stringContaining('did not report File Services')]);
    expect(second[0]!.facts.fileServices).toBeUndefined();
  });

  it('ignores clusters that mount a vSAN datastore without running vSAN, and asks nothing without vSAN datastores', async () => {
    const mesh = await setup(cluster('domain-c1', ['datastore-11']) + cluster('domain-c9', ['datastore-11']), (id) => (id === 'domain-c1' ? config(true, false) : config(false)));
    const datastores = [datastore('datastore-11', 'vsan-a', 'vsan')];
    expect(await readFileServices(mesh.soap, content, datastores)).toEqual([]);
    expect(datastores[0]!.facts.fileServices).toBe(false);

    const none = await setup(cluster('domain-c1', ['datastore-12']), () => config(true, true));
    const plain = [datastore('datastore-12', 'vmfs-1', 'vmfs'), datastore('datastore-13', 'vsand-1', 'vsanD')];
    expect(await readFileServices(none.soap, content, plain)).toEqual([]);
    expect(none.transport.requests.map(method)).toEqual(['Login']);
    expect(plain.map((d) => 'fileServices' in d.facts)).toEqual([false, false]);
  });
});

describe('XML', () => {
  it('escapes text and attribute values, and decodes entities when reading', () => {
    expect(el('password', `a&b<c>"d'`).xml).toBe('<password>a&amp;b&lt;c&gt;&quot;d&apos;</password>');
    expect(el('obj', 'x', { type: 'a"b' }).xml).toBe('<obj type="a&quot;b">x</obj>');
    expect(escapeXml('</password><x>')).not.toContain('<');
    const doc = parseXml('<a xmlns:xsi="x"><v xsi:type="xsd:string">VMware&#39;s &amp; &lt;co&gt;</v></a>') as { a: { v: Record<string, string> } };
    expect(doc.a.v['#text']).toBe("VMware's & <co>");
    expect(doc.a.v['@xsiType']).toBe('xsd:string');
  });
});
