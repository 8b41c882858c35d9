import { driver, kubernetes } from '../../knowledge/citations.js';
import { MIGRATED_DISKFORMAT } from '../../knowledge/parameters.js';
import type { Fix, TextEdit } from '../../types.js';
import { getNode } from '../../yaml/ast.js';
import { removePair, renameKey, replaceScalarValue } from '../../yaml/edits.js';
import { VSPHERE_CSI_DRIVER } from '../../workspaceIndex.js';
import type { Rule, RuleContext } from '../rule.js';
import { PREFIXED_FSTYPE_KEY, isInTreeClass, parameterPairs, parametersMap } from './common.js';
import { inTreeKind } from './inTree.js';

interface Conversion {
  edits: TextEdit[];
  /** Why the conversion is not applied automatically (empty: it is safe). */
  blockers: string[];
  /** Notes for the message (what the conversion does with datastore). */
  notes: string[];
}

/** Builds the edits that turn an in-tree class into an equivalent csi.vsphere.vmware.com class. */
function convert(context: RuleContext): Conversion | undefined {
  const provisioner = getNode(context.object.node, ['provisioner'], context.doc);
  const provisionerEdit = provisioner && replaceScalarValue(provisioner, VSPHERE_CSI_DRIVER);
  if (!provisionerEdit) return undefined;
  const conversion: Conversion = { edits: [provisionerEdit], blockers: [], notes: [] };
  const map = parametersMap(context);
  const parameters = parameterPairs(context);
  const push = (edit: TextEdit | undefined, what: string) => {
    if (edit) conversion.edits.push(edit);
    else conversion.blockers.push(`${what} could not be rewritten here`);
  };
  const fstypes = parameters.filter((p) => p.lower === 'fstype');
  for (const parameter of parameters) {
    const { pair, key, lower, value, valueNode } = parameter;
    switch (inTreeKind(lower)) {
      case 'vsan':
        conversion.blockers.push(`"${key}" must become an SPBM storage policy`);
        continue;
      case 'dropped':
        conversion.blockers.push(`"${key}" is not an in-tree parameter (check what it was meant to be)`);
        continue;
      case 'translated':
        break;
    }
    if (lower === 'storagepolicyname') continue;
    if (lower === 'fstype') {
      if (fstypes.length > 1) conversion.blockers.push('fstype is set more than once');
      else push(renameKey(pair, PREFIXED_FSTYPE_KEY), `"${key}"`);
      continue;
    }
    if (lower === 'diskformat') {
      if (value !== MIGRATED_DISKFORMAT) conversion.blockers.push(`diskformat "${value ?? ''}" needs a storage policy with thick provisioning`);
      else push(map && removePair(context.file.text, map, pair), `"${key}"`);
      continue;
    }
    if (lower === 'datastore') {
      const known = value === undefined ? undefined : context.config.datastores?.find((d) => d.name !== undefined && d.name === value);
      if (known && valueNode) {
        const rename = renameKey(pair, 'datastoreurl');
        const url = replaceScalarValue(valueNode, known.url);
        if (rename && url) {
          conversion.edits.push(rename, url);
          conversion.notes.push(`datastore "${value}" becomes datastoreurl "${known.url}" (from .vsphere-csi.yaml)`);
        } else {
          conversion.blockers.push(`"${key}" could not be rewritten here`);
        }
      } else {
        push(map && removePair(context.file.text, map, pair), `"${key}"`);
        conversion.blockers.push(`datastore "${value ?? ''}" would be removed (name the datastore in datastoreurl or let the storage policy choose; listing it with name and url in .vsphere-csi.yaml lets the fix convert it)`);
      }
    }
  }
  return conversion;
}

export const scInTreeProvisioner: Rule = {
  meta: {
    id: 'sc-in-tree-provisioner',
    defaultSeverity: 'warning',
    category: 'StorageClass',
    description: 'A StorageClass uses the removed in-tree vSphere provisioner `kubernetes.io/vsphere-volume`.',
    why: 'The in-tree vSphere plugin was removed in Kubernetes 1.30; its classes only keep working through CSI migration, which rewrites the parameters for the vSphere CSI driver on every request, refuses some of them (raw vSAN keys, thick disk formats) and drops others silently. A `csi.vsphere.vmware.com` class says directly what the driver does.',
    docs: [
      'The conversion keeps `storagepolicyname`, renames `fstype` to `csi.storage.k8s.io/fstype`, removes `diskformat: thin` (thin is what the driver creates anyway) and replaces `datastore` by `datastoreurl` when `.vsphere-csi.yaml` lists that datastore with its `name` and `url`.',
      '',
      '```yaml',
      'provisioner: kubernetes.io/vsphere-volume      # deprecated',
      'parameters:',
      '  storagepolicyname: "Gold"',
      '  diskformat: thin',
      '  fstype: ext4',
      '```',
      '',
      '```yaml',
      'provisioner: csi.vsphere.vmware.com            # right',
      'parameters:',
      '  storagepolicyname: "Gold"',
      '  csi.storage.k8s.io/fstype: ext4',
      '```',
      '',
      'The conversion is a safe fix only when nothing is lost. With raw vSAN keys, a `diskformat` other than `thin`, keys the translation does not know, or a `datastore` whose URL is unknown (it would be removed: use `datastoreurl` or a storage policy instead), it is offered as a suggestion to finish by hand.',
      '',
      'Kubernetes does not allow changing `provisioner` or `parameters` of an existing StorageClass: delete the old class and create the new one. Volumes already provisioned keep working.',
    ].join('\n'),
    citations: [
      kubernetes('kubernetes/website', 'content/en/docs/concepts/storage/volumes.md (vsphereVolume (removed))', 'the in-tree plugin was removed in v1.30; operations are redirected to csi.vsphere.vmware.com.'),
      kubernetes('kubernetes/kubernetes', 'staging/src/k8s.io/csi-translation-lib/plugins/vsphere_volume.go (TranslateInTreeStorageClassToCSI)', 'maps fstype, storagepolicyname, datastore, diskformat and the vSAN keys, drops the rest.'),
      driver('pkg/csi/service/common/util.go (ParseStorageClassParams)', 'v3.0.0 – v3.8.0-rc.1', 'refuses raw vSAN keys and non-thin disk formats of migrated classes.'),
    ],
    fixable: true,
    hasSuggestions: true,
  },
  kinds: ['StorageClass'],
  check(context) {
    if (!isInTreeClass(context)) return;
    const node = getNode(context.object.node, ['provisioner'], context.doc);
    const conversion = convert(context);
    const fix: Fix | undefined = conversion && { title: `Convert to a ${VSPHERE_CSI_DRIVER} StorageClass`, edits: conversion.edits };
    const safe = conversion !== undefined && conversion.blockers.length === 0;
    const notes = conversion?.notes.length ? ` The conversion: ${conversion.notes.join('; ')}.` : '';
    const manual = conversion?.blockers.length ? ` The conversion is only offered as a suggestion because ${conversion.blockers.join('; ')}.` : '';
    context.report({
      node,
      message: `kubernetes.io/vsphere-volume is the removed in-tree vSphere plugin; its classes only work through CSI migration, which drops or refuses several parameters. Use ${VSPHERE_CSI_DRIVER} (re-create the class: provisioner and parameters cannot be changed in place).${notes}${manual}`,
      tags: ['deprecated'],
      ...(fix && safe ? { fix } : {}),
      ...(fix && !safe ? { suggestions: [fix] } : {}),
    });
  },
};
