// Counts the volumes one pod of a workload attaches to its node through the vSphere driver:
// persistentVolumeClaim volumes, generic ephemeral volumes, StatefulSet claim templates (the
// StatefulSet controller adds one volume per template to every pod) and in-tree vsphereVolume
// volumes (served by the CSI driver through migration). Claims whose class is known to belong to
// another provisioner are left out; unresolved ones count, as they may well be vSphere volumes.
import type { Node } from 'yaml';
import { DEFAULT_VOLUME_LIMIT } from '../../knowledge/limits.js';
import { claimFacts, findClaim } from '../../workspaceIndex.js';
import { asMap, findPair, getNode } from '../../yaml/ast.js';
import { isVsphereProvisioner, resolveClaimClass, type ClassResolution } from '../helpers.js';
import type { RuleContext } from '../rule.js';
import { contextClaimSpecs } from '../claims/claimSpecs.js';
import { podTemplateOf, podVolumes } from './podTemplates.js';

export interface CountedVolume {
  name: string | undefined;
  /** The list key (`volumes` or `volumeClaimTemplates`) the volume is written under. */
  listKey: Node | undefined;
  /** Whether each pod gets its own volume (claim templates, ephemeral volumes) rather than sharing a named claim. */
  perPod: boolean;
}

export interface PodVolumeCount {
  volumes: CountedVolume[];
  /** Where the pod spec is, for messages. */
  owner: string;
}

function mayBeVsphere(resolution: ClassResolution): boolean {
  return !(resolution.kind === 'workspace' && !isVsphereProvisioner(resolution.entry.provisioner));
}

/**
 * The pod's volumes as countPodVolumes counts them. Undefined when the object has no pod
 * template. Also undefined, without looking at other files, when no per-node total is checked
 * (`nodes.count` is not set) and even counting every volume the pod could not go over the per-node
 * limit: then which of them are vSphere volumes makes no difference, and a workload whose claims
 * are defined elsewhere needs no cross-file facts to be checked.
 */
export function countPodVolumes(context: RuleContext): PodVolumeCount | undefined {
  const { object, doc, index, config } = context;
  const pod = podTemplateOf(object);
  if (!pod) return undefined;
  const templates = contextClaimSpecs(context).filter((claim) => claim.source === 'claim-template');
  const templateNames = new Set(templates.map((t) => t.name).filter((n): n is string => n !== undefined));
  const templatesKey = findPair(asMap(getNode(object.node, ['spec'], doc), doc), 'volumeClaimTemplates')?.key;
  const { key: volumesKey, volumes } = podVolumes(pod.spec, doc);
  if (config.nodes.count === undefined || config.nodes.count < 1) {
    const atMost = volumes.filter((v) => v.kind === 'claim' || v.kind === 'ephemeral' || v.kind === 'vsphere-in-tree').length + templates.length;
    if (atMost <= (config.nodes.maxVolumesPerNode ?? DEFAULT_VOLUME_LIMIT)) return undefined;
  }
  const counted: CountedVolume[] = [];
  const seenClaims = new Set<string>();
  for (const volume of volumes) {
    if (volume.name !== undefined && templateNames.has(volume.name)) continue; // replaced by the template's claim
    switch (volume.kind) {
      case 'claim': {
        if (volume.claimName === undefined || seenClaims.has(volume.claimName)) break;
        seenClaims.add(volume.claimName);
        const entry = findClaim(index, volume.claimName, object.namespace);
        if (entry && !mayBeVsphere(resolveClaimClass(entry.storageClassName, index, config))) break;
        counted.push({ name: volume.name, listKey: volumesKey, perPod: false });
        break;
      }
      case 'ephemeral': {
        const resolution = resolveClaimClass(volume.spec ? claimFacts(volume.spec, doc).storageClassName : undefined, index, config);
        if (mayBeVsphere(resolution)) counted.push({ name: volume.name, listKey: volumesKey, perPod: true });
        break;
      }
      case 'vsphere-in-tree':
        counted.push({ name: volume.name, listKey: volumesKey, perPod: false });
        break;
      default:
        break;
    }
  }
  for (const template of templates) {
    const resolution = resolveClaimClass(claimFacts(template.spec, doc).storageClassName, index, config);
    if (mayBeVsphere(resolution)) counted.push({ name: template.name, listKey: templatesKey, perPod: true });
  }
  return { volumes: counted, owner: pod.owner };
}
