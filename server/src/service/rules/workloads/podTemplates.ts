// Where each workload kind keeps its pod spec, and the volumes listed in it. Claim rules use
// these to reach generic ephemeral volumes; the volume-count rules use them to count what one
// pod attaches to its node.
import type { Document, Node, YAMLMap } from 'yaml';
import type { K8sObject, ObjectKind } from '../../parse.js';
import { asMap, findPair, getNode, getString, seqItems, stringValue } from '../../yaml/ast.js';

/** Kinds that carry a pod spec (a Pod, or a template of one). */
export const POD_TEMPLATE_KINDS = ['Pod', 'Deployment', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'StatefulSet', 'CronJob'] as const satisfies readonly ObjectKind[];

const POD_SPEC_PATHS: Partial<Record<ObjectKind, readonly string[]>> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

export interface PodTemplate {
  /** The pod spec mapping. */
  spec: YAMLMap;
  /** "Pod \"web\"" or "the pod template of Deployment \"web\"", for messages. */
  owner: string;
}

export function describeObject(object: K8sObject): string {
  return object.name ? `${object.kind} "${object.name}"` : object.kind;
}

/** The pod spec of a Pod or of a workload's pod template. */
export function podTemplateOf(object: K8sObject): PodTemplate | undefined {
  const path = POD_SPEC_PATHS[object.kind];
  if (!path) return undefined;
  const spec = asMap(getNode(object.node, path, object.doc), object.doc);
  if (!spec) return undefined;
  return { spec, owner: object.kind === 'Pod' ? describeObject(object) : `the pod template of ${describeObject(object)}` };
}

export type PodVolume =
  | { kind: 'claim'; item: YAMLMap; name: string | undefined; claimName: string | undefined; claimNameNode: Node | undefined }
  | { kind: 'ephemeral'; item: YAMLMap; name: string | undefined; template: YAMLMap | undefined; spec: YAMLMap | undefined; specKey: Node | undefined }
  /** An in-tree `vsphereVolume`, served by the CSI driver through migration. */
  | { kind: 'vsphere-in-tree'; item: YAMLMap; name: string | undefined }
  | { kind: 'other'; item: YAMLMap; name: string | undefined };

export interface PodVolumes {
  /** The `volumes` key, for findings about the list as a whole. */
  key: Node | undefined;
  volumes: PodVolume[];
}

export function podVolumes(spec: YAMLMap, doc: Document): PodVolumes {
  const pair = findPair(spec, 'volumes');
  const volumes: PodVolume[] = [];
  for (const node of seqItems(pair?.value, doc)) {
    const item = asMap(node, doc);
    if (!item) continue;
    const name = getString(item, ['name'], doc);
    const claim = asMap(getNode(item, ['persistentVolumeClaim'], doc), doc);
    if (claim) {
      const claimNameNode = getNode(claim, ['claimName'], doc);
      volumes.push({ kind: 'claim', item, name, claimName: stringValue(claimNameNode, doc), claimNameNode });
      continue;
    }
    const ephemeral = asMap(getNode(item, ['ephemeral'], doc), doc);
    if (ephemeral) {
      const template = asMap(getNode(ephemeral, ['volumeClaimTemplate'], doc), doc);
      const specPair = template ? findPair(template, 'spec') : undefined;
      volumes.push({ kind: 'ephemeral', item, name, template, spec: asMap(specPair?.value, doc), specKey: specPair?.key });
      continue;
    }
    if (getNode(item, ['vsphereVolume'], doc)) {
      volumes.push({ kind: 'vsphere-in-tree', item, name });
      continue;
    }
    volumes.push({ kind: 'other', item, name });
  }
  return { key: pair?.key, volumes };
}
