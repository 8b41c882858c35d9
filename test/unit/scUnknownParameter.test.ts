import { describe, expect, it } from 'vitest';
import { applyFix, lint, linesOf, ofRule, parsesCleanly, textOf } from '../helpers/lint.js';

const sc = (params: string, provisioner = 'csi.vsphere.vmware.com') => `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: gold
provisioner: ${provisioner}
parameters:
${params}
`;

describe('sc-unknown-parameter', () => {
  it('flags a key the driver rejects, with a did-you-mean that renames only the key', () => {
    const text = sc('  storagePolicy: "Gold" # tier\n  datastoreurl: "ds:///vmfs/volumes/abc/"');
    const findings = ofRule(lint(text), 'sc-unknown-parameter');
    expect(findings).toHaveLength(1);
    expect(textOf(text, findings[0]!)).toBe('storagePolicy');
    expect(findings[0]!.severity).toBe('error');
    expect(findings[0]!.message).toContain('Did you mean "storagepolicyname"');
    const fixed = applyFix(text, findings[0]!, 0);
    expect(fixed).toBe(text.replace('storagePolicy:', 'storagepolicyname:'));
    expect(parsesCleanly(fixed)).toBe(true);
  });

  it('accepts the driver keys in any case and the reserved keys external-provisioner consumes', () => {
    const text = sc(
      [
        '  StoragePolicyName: "Gold"',
        '  DatastoreURL: "ds:///vmfs/volumes/abc/"',
        '  csi.storage.k8s.io/fstype: ext4',
        '  csi.storage.k8s.io/provisioner-secret-name: creds',
        '  csi.storage.k8s.io/provisioner-secret-namespace: kube-system',
      ].join('\n'),
    );
    expect(linesOf(lint(text), 'sc-unknown-parameter')).toEqual([]);
  });

  it('stays quiet for classes of other provisioners', () => {
    expect(linesOf(lint(sc('  storagePolicy: gold', 'ebs.csi.aws.com')), 'sc-unknown-parameter')).toEqual([]);
  });

  it('reports on the right line in a multi-document file', () => {
    const text = `kind: ConfigMap\napiVersion: v1\nmetadata: {name: x}\n---\n${sc('  diskformat: thin')}`;
    expect(linesOf(lint(text), 'sc-unknown-parameter')).toEqual([11]);
  });
});
