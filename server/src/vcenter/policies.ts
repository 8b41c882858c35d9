// Storage policies from SPBM (/pbm): PbmQueryProfile for the ids, PbmRetrieveContent for names.
import type { SoapClient } from './soap.js';
import { VCenterError, type StoragePolicyInfo } from './types.js';
import { child, childText, children, el, moRef, text, toMoRef } from './xml.js';

const BATCH = 100;
const MAX_POLICIES = 100_000;

export async function readStoragePolicies(soap: SoapClient): Promise<StoragePolicyInfo[]> {
  const content = await soap.call('pbm', 'PbmRetrieveServiceContent', [moRef('_this', { type: 'PbmServiceInstance', value: 'ServiceInstance' })]);
  const profileManager = toMoRef(child(child(content, 'returnval'), 'profileManager'));
  if (!profileManager) throw new VCenterError('protocol', 'the storage policy service (SPBM) has no profile manager');

  const query = await soap.call('pbm', 'PbmQueryProfile', [
    moRef('_this', profileManager),
    el('resourceType', el('resourceType', 'STORAGE')),
    el('profileCategory', 'REQUIREMENT'),
  ]);
  const ids = children(query, 'returnval')
    .map((r) => childText(r, 'uniqueId') ?? '')
    .filter(Boolean);
  if (ids.length > MAX_POLICIES) throw new VCenterError('protocol', `more than ${MAX_POLICIES} storage policies`);

  const out: StoragePolicyInfo[] = [];
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const result = await soap.call('pbm', 'PbmRetrieveContent', [
      moRef('_this', profileManager),
      ...batch.map((id) => el('profileIds', el('uniqueId', id))),
    ]);
    for (const profile of children(result, 'returnval')) {
      const id = childText(child(profile, 'profileId'), 'uniqueId');
      const name = text(child(profile, 'name'));
      if (!id) continue;
      const description = childText(profile, 'description');
      out.push({ name, id, ...(description ? { description } : {}) });
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}
