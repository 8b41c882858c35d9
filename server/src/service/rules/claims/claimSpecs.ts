// Every claim-like spec in an object: a PersistentVolumeClaim's spec, each StatefulSet
// volumeClaimTemplate, and each generic ephemeral volume of a pod template. Claim rules run over
// all of them, so a mistake is caught wherever the claim is written.
import type { Document, Node, YAMLMap } from 'yaml';
import type { K8sObject, ObjectKind } from '../../parse.js';
import type { RelatedLocation } from '../../types.js';
import { claimFacts, type StorageClassEntry } from '../../workspaceIndex.js';
import { asMap, findPair, getNode, getString, nodeSpan, seqItems, stringValue } from '../../yaml/ast.js';
import { isVsphereClaim, resolveClaimClass, vsphereClass, type ClassResolution } from '../helpers.js';
import { memoized, type RuleContext } from '../rule.js';
import { describeObject, podTemplateOf, podVolumes, POD_TEMPLATE_KINDS } from '../workloads/podTemplates.js';

/** Kinds that can hold a claim spec. */
export const CLAIM_KINDS = ['PersistentVolumeClaim', ...POD_TEMPLATE_KINDS] as const satisfies readonly ObjectKind[];

export type ClaimSource = 'claim' | 'claim-template' | 'ephemeral';

export interface ClaimSpec {
  spec: YAMLMap;
  /** The `spec` key, for findings about something the spec lacks. */
  specKey: Node | undefined;
  metadata: YAMLMap | undefined;
  source: ClaimSource;
  /** For messages: `PersistentVolumeClaim "data"`, `claim template "www" of StatefulSet "web"`, ... */
  owner: string;
  name: string | undefined;
  namespace: string | undefined;
}

export function claimSpecs(object: K8sObject): ClaimSpec[] {
  const { doc, node } = object;
  const out: ClaimSpec[] = [];
  if (object.kind === 'PersistentVolumeClaim') {
    const pair = findPair(node, 'spec');
    const spec = asMap(pair?.value, doc);
    if (spec) {
      out.push({
        spec,
        specKey: pair?.key,
        metadata: asMap(getNode(node, ['metadata'], doc), doc),
        source: 'claim',
        owner: describeObject(object),
        name: object.name,
        namespace: object.namespace,
      });
    }
    return out;
  }
  if (object.kind === 'StatefulSet') {
    seqItems(getNode(node, ['spec', 'volumeClaimTemplates'], doc), doc).forEach((item, i) => {
      const template = asMap(item, doc);
      const pair = template ? findPair(template, 'spec') : undefined;
      const spec = asMap(pair?.value, doc);
      if (!template || !spec) return;
      const name = getString(template, ['metadata', 'name'], doc);
      out.push({
        spec,
        specKey: pair?.key,
        metadata: asMap(getNode(template, ['metadata'], doc), doc),
        source: 'claim-template',
        owner: `claim template ${name ? `"${name}"` : `#${i + 1}`} of ${describeObject(object)}`,
        name,
        namespace: object.namespace,
      });
    });
  }
  const pod = podTemplateOf(object);
  if (pod) {
    for (const volume of podVolumes(pod.spec, doc).volumes) {
      if (volume.kind !== 'ephemeral' || !volume.spec || !volume.template) continue;
      out.push({
        spec: volume.spec,
        specKey: volume.specKey,
        metadata: asMap(getNode(volume.template, ['metadata'], doc), doc),
        source: 'ephemeral',
        owner: `ephemeral volume${volume.name ? ` "${volume.name}"` : ''} of ${describeObject(object)}`,
        name: volume.name,
        namespace: object.namespace,
      });
    }
  }
  return out;
}

export interface AccessModeItem {
  mode: string;
  node: Node;
}

export function accessModeItems(spec: YAMLMap, doc: Document): AccessModeItem[] {
  return seqItems(getNode(spec, ['accessModes'], doc), doc).flatMap((node) => {
    const mode = stringValue(node, doc);
    return mode === undefined ? [] : [{ mode, node }];
  });
}

/** A claim spec with its facts and its StorageClass resolved against the workspace and config. */
export interface AnalyzedClaim extends ClaimSpec {
  storageClassName: string | null | undefined;
  accessModes: AccessModeItem[];
  volumeMode: string | undefined;
  resolution: ClassResolution;
  /** Whether vSphere-specific rules apply (a vSphere class in the workspace, or a class the config lists). */
  vsphere: boolean;
  /** The workspace StorageClass served by the vSphere driver, when there is one. */
  vsphereClass: StorageClassEntry | undefined;
}

export function analyzeClaim(context: RuleContext, claim: ClaimSpec): AnalyzedClaim {
  const facts = claimFacts(claim.spec, context.doc);
  const resolution = resolveClaimClass(facts.storageClassName, context.index, context.config);
  return {
    ...claim,
    storageClassName: facts.storageClassName,
    accessModes: accessModeItems(claim.spec, context.doc),
    volumeMode: facts.volumeMode,
    resolution,
    vsphere: isVsphereClaim(resolution),
    vsphereClass: vsphereClass(resolution),
  };
}

const CLAIM_SPECS = Symbol('claimSpecs');
const ANALYZED_CLAIMS = Symbol('analyzedClaims');

/** claimSpecs of the context's object, computed once per object and lint call. */
export function contextClaimSpecs(context: RuleContext): readonly ClaimSpec[] {
  return memoized(context, CLAIM_SPECS, () => claimSpecs(context.object));
}

/** The object's claims analysed against the workspace and config, once per object and lint call (a dozen rules read them). */
export function analyzedClaims(context: RuleContext): readonly AnalyzedClaim[] {
  return memoized(context, ANALYZED_CLAIMS, () => contextClaimSpecs(context).map((claim) => analyzeClaim(context, claim)));
}

/** A related location in the file being linted. */
export function relatedHere(context: RuleContext, node: Node | undefined, message: string): RelatedLocation | undefined {
  const span = nodeSpan(node);
  return span ? { uri: context.file.uri, range: context.file.lines().range(span[0], span[1]), message } : undefined;
}

export interface DataSourceRef {
  /** `dataSource` or `dataSourceRef`. */
  field: 'dataSource' | 'dataSourceRef';
  map: YAMLMap;
  kind: string | undefined;
  kindNode: Node | undefined;
  apiGroup: string | undefined;
  name: string | undefined;
  namespace: string | undefined;
}

/** The claim's data sources; Kubernetes mirrors one into the other, so both usually say the same. */
export function dataSources(spec: YAMLMap, doc: Document): DataSourceRef[] {
  const out: DataSourceRef[] = [];
  for (const field of ['dataSource', 'dataSourceRef'] as const) {
    const map = asMap(getNode(spec, [field], doc), doc);
    if (!map) continue;
    const kindNode = getNode(map, ['kind'], doc);
    out.push({
      field,
      map,
      kind: stringValue(kindNode, doc),
      kindNode,
      apiGroup: getString(map, ['apiGroup'], doc),
      name: getString(map, ['name'], doc),
      namespace: getString(map, ['namespace'], doc),
    });
  }
  return out;
}
