// vSAN File Services of the vSAN datastores, from the vSAN management API that vCenter serves on
// /vsanHealth (namespace urn:vsan, same session cookie as /sdk).
//
// File Services is a setting of the vSAN cluster: VsanVcClusterConfigSystem.VsanClusterGetConfig
// on each cluster that mounts a vSAN datastore returns a VsanConfigInfoEx whose
// fileServiceConfig.enabled says whether it is on. Clusters come from ClusterComputeResource.datastore.
//
// This is best effort: without that API (HTTP 404: ESXi, the simulator, a vCenter without the
// vSAN health service), on a fault or a timeout, `fileServices` stays undefined (unknown) and the
// pull goes on; what was not read is summed up in one note line.
import { retrieveFromContainer, type ServiceContent } from './propertyCollector.js';
import type { DatastoreObject } from './inventory.js';
import type { SoapClient } from './soap.js';
import { VCenterError } from './types.js';
import { child, childText, children, moRef, toMoRef, type MoRef } from './xml.js';

export const VSAN_CLUSTER_CONFIG_SYSTEM: MoRef = { type: 'VsanVcClusterConfigSystem', value: 'vsan-cluster-config-system' };

/** Errors after which asking about further clusters is pointless (no endpoint, no answer, no session). */
const STOP: ReadonlySet<VCenterError['kind']> = new Set(['unsupported', 'timeout', 'unreachable', 'tls', 'auth']);

/** Names listed in a note before "and N more". */
const NAMES_IN_NOTE = 5;

const key = (ref: MoRef) => `${ref.type}:${ref.value}`;

/** What VsanClusterGetConfig said about one cluster. */
type ClusterAnswer = { vsanEnabled?: boolean; fileServices?: boolean } | { error: VCenterError };

/**
 * Sets `facts.fileServices` of the vSAN datastores where the vSAN management API tells it, and
 * returns at most one note about the ones it could not tell. Never throws for the vSAN API
 * itself; errors of the vim25 reads (the cluster list) do propagate like any other read.
 */
export async function readFileServices(soap: SoapClient, content: ServiceContent, datastores: DatastoreObject[]): Promise<string[]> {
  const vsan = datastores.filter((d) => d.facts.type === 'vsan');
  if (!vsan.length) return [];

  // Datastore → the clusters that mount it, one container query per datacenter involved.
  const clustersOf = new Map<string, MoRef[]>();
  const clusters = new Map<string, MoRef>();
  const wanted = new Set(vsan.map((d) => key(d.ref)));
  for (const dc of [...new Set(vsan.map((d) => d.datacenter))]) {
    const objects = await retrieveFromContainer(soap, content, dc.hostFolder, { ClusterComputeResource: ['datastore'] });
    for (const o of objects) {
      for (const ds of children(o.props.get('datastore'), 'ManagedObjectReference').map(toMoRef)) {
        if (!ds || !wanted.has(key(ds))) continue;
        clusters.set(key(o.ref), o.ref);
        const list = clustersOf.get(key(ds)) ?? [];
        list.push(o.ref);
        clustersOf.set(key(ds), list);
      }
    }
  }

  const answers = new Map<string, ClusterAnswer>();
  let stopped: VCenterError | undefined;
  for (const cluster of clusters.values()) {
    if (stopped) break;
    try {
      const response = await soap.call('vsan', 'VsanClusterGetConfig', [moRef('_this', VSAN_CLUSTER_CONFIG_SYSTEM), moRef('cluster', cluster)]);
      const info = child(response, 'returnval');
      answers.set(key(cluster), { vsanEnabled: bool(childText(info, 'enabled')), fileServices: bool(childText(child(info, 'fileServiceConfig'), 'enabled')) });
    } catch (e) {
      const error = e instanceof VCenterError ? e : new VCenterError('protocol', e instanceof Error ? e.message.split('\n')[0]! : String(e));
      answers.set(key(cluster), { error });
      if (STOP.has(error.kind)) stopped = error;
    }
  }

  const unknown: string[] = [];
  let reason: string | undefined;
  const because = (r: string) => (reason ??= r);
  for (const d of vsan) {
    // Clusters that mount the datastore without running vSAN themselves (remote mounts) do not decide.
    const deciding = (clustersOf.get(key(d.ref)) ?? []).map((c) => answers.get(key(c))).filter((a) => !(a && !('error' in a) && a.vsanEnabled === false));
    const values = new Set<boolean | undefined>();
    for (const a of deciding) {
      if (!a) values.add(undefined);
      else if ('error' in a) {
        values.add(undefined);
        because(a.error.message);
      } else {
        values.add(a.fileServices);
        if (a.fileServices === undefined) because('the vSAN management API did not report File Services');
      }
    }
    if (!deciding.length) because('no vSAN cluster of this vCenter mounts them');
    else if (values.size > 1 && !values.has(undefined)) because('the vSAN clusters that mount them disagree');
    const [only] = values;
    if (values.size === 1 && only !== undefined) d.facts.fileServices = only;
    else unknown.push(d.facts.name);
  }
  if (!unknown.length) return [];
  const names = unknown.length > NAMES_IN_NOTE ? `${unknown.slice(0, NAMES_IN_NOTE).join(', ')} and ${unknown.length - NAMES_IN_NOTE} more` : unknown.join(', ');
  return [`vSAN File Services unknown for ${names} (fileServices left as it is): ${stopped?.message ?? reason ?? 'not read'}`];
}

function bool(value: string | undefined): boolean | undefined {
  return value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : undefined;
}
