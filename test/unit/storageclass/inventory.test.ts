// sc-unknown-storage-policy, sc-datastore-url-format, sc-unknown-datastore.
import { describe, expect, it } from 'vitest';
import { applyFix, lint, linesOf, ofRule, parsesCleanly, textOf } from '../../helpers/lint.js';

const sc = (params: string, provisioner = 'csi.vsphere.vmware.com') => `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: gold
provisioner: ${provisioner}
parameters:
${params}
`;
const VSAN = 'ds:///vmfs/volumes/vsan:52cdfa80721ff516-ea1e993113acfc77/';
const VMFS = 'ds:///vmfs/volumes/5c9bb20e-009c1e46-4b85-0200483b2a97/';
const INVENTORY = `storagePolicies: ["vSAN Default Storage Policy", "Gold"]
datastores:
  - url: "${VSAN}"
    name: vsanDatastore
  - url: "${VMFS}"
`;

describe('sc-unknown-storage-policy', () => {
  it('flags a policy that differs only in letter case and suggests the real name', () => {
    const text = sc('  storagepolicyname: "gold" # tier');
    const findings = ofRule(lint(text, { config: INVENTORY }), 'sc-unknown-storage-policy');
    expect(findings.map((f) => [f.range.start.line + 1, textOf(text, f), f.severity])).toEqual([[7, '"gold"', 'error']]);
    expect(findings[0]!.message).toContain('only in letter case');
    expect(findings[0]!.message).toContain('PVCs stay Pending');
    const fixed = applyFix(text, findings[0]!, 0);
    expect(fixed).toBe(text.replace('"gold"', '"Gold"'));
    expect(parsesCleanly(fixed)).toBe(true);
  });

  it('says so when only surrounding spaces differ', () => {
    const text = sc('  StoragePolicyName: "Gold "');
    const [finding] = ofRule(lint(text, { config: INVENTORY }), 'sc-unknown-storage-policy');
    expect(textOf(text, finding!)).toBe('"Gold "');
    expect(finding!.message).toContain('only in surrounding spaces');
    expect(applyFix(text, finding!, 0)).toBe(text.replace('"Gold "', '"Gold"'));
  });

  it('gives a did-you-mean for a near miss and nothing for an unrelated name', () => {
    const near = sc('  storagepolicyname: vSAN Default Storage Polcy');
    const [finding] = ofRule(lint(near, { config: INVENTORY }), 'sc-unknown-storage-policy');
    expect(finding!.message).toContain('Did you mean "vSAN Default Storage Policy"');
    expect(applyFix(near, finding!, 0)).toBe(near.replace('Storage Polcy', 'Storage Policy'));
    const far = sc('  storagepolicyname: Platinum');
    const [other] = ofRule(lint(far, { config: INVENTORY }), 'sc-unknown-storage-policy');
    expect(other!.suggestions).toBeUndefined();
  });

  it('checks in-tree classes too', () => {
    expect(linesOf(lint(sc('  storagepolicyname: gold', 'kubernetes.io/vsphere-volume'), { config: INVENTORY }), 'sc-unknown-storage-policy')).toEqual([7]);
  });

  it('stays silent without an inventory, for known policies, empty values and other provisioners', () => {
    expect(linesOf(lint(sc('  storagepolicyname: anything')), 'sc-unknown-storage-policy')).toEqual([]);
    expect(linesOf(lint(sc('  storagepolicyname: "vSAN Default Storage Policy"'), { config: INVENTORY }), 'sc-unknown-storage-policy')).toEqual([]);
    expect(linesOf(lint(sc('  storagepolicyname: ""'), { config: INVENTORY }), 'sc-unknown-storage-policy')).toEqual([]);
    expect(linesOf(lint(sc('  storagepolicyname: gold', 'ebs.csi.aws.com'), { config: INVENTORY }), 'sc-unknown-storage-policy')).toEqual([]);
  });
});

describe('sc-datastore-url-format', () => {
  it('adds a missing trailing slash as a safe fix', () => {
    const url = VSAN.slice(0, -1);
    const text = sc(`  datastoreurl: "${url}"  # Optional Parameter`);
    const findings = ofRule(lint(text), 'sc-datastore-url-format');
    expect(findings.map((f) => [f.range.start.line + 1, textOf(text, f), f.severity])).toEqual([[7, `"${url}"`, 'error']]);
    expect(findings[0]!.message).toContain('lacks the trailing slash');
    const fixed = applyFix(text, findings[0]!);
    expect(fixed).toBe(text.replace(`"${url}"`, `"${VSAN}"`));
    expect(parsesCleanly(fixed)).toBe(true);
  });

  it('repairs surrounding spaces and the letter case of the fixed prefix', () => {
    const text = sc(`  DatastoreURL: ' DS:///VMFS/volumes/vsan:52cdfa80721ff516-ea1e993113acfc77/'`);
    const [finding] = ofRule(lint(text), 'sc-datastore-url-format');
    expect(finding!.message).toContain('spaces');
    expect(applyFix(text, finding!)).toBe(text.replace(`' DS:///VMFS/volumes/vsan:52cdfa80721ff516-ea1e993113acfc77/'`, `'${VSAN}'`));
  });

  it('rejects a datastore name, suggesting the URL from the inventory', () => {
    const text = sc('  datastoreurl: vsanDatastore');
    const [finding] = ofRule(lint(text, { config: INVENTORY }), 'sc-datastore-url-format');
    expect([finding!.range.start.line + 1, textOf(text, finding!)]).toEqual([7, 'vsanDatastore']);
    expect(finding!.fix).toBeUndefined();
    expect(finding!.message).toContain(VSAN);
    const fixed = applyFix(text, finding!, 0);
    expect(fixed).toBe(text.replace('vsanDatastore', VSAN));
    expect(parsesCleanly(fixed)).toBe(true);
    // Without an inventory: still an error, no suggestion.
    const [bare] = ofRule(lint(text), 'sc-datastore-url-format');
    expect(bare!.suggestions).toBeUndefined();
  });

  it('stays quiet for well-formed URLs, empty values and other flavors', () => {
    expect(linesOf(lint(sc(`  datastoreurl: "${VSAN}"\n  storagepolicyname: Gold`)), 'sc-datastore-url-format')).toEqual([]);
    expect(linesOf(lint(sc('  datastoreurl: "ds:///vmfs/volumes/vvol:6c5d3b1e7a3a4a4b-9a1c2f0e1d2c3b4a/"')), 'sc-datastore-url-format')).toEqual([]);
    expect(linesOf(lint(sc('  datastoreurl: ""')), 'sc-datastore-url-format')).toEqual([]);
    expect(linesOf(lint(sc('  datastoreurl: vsanDatastore', 'kubernetes.io/vsphere-volume')), 'sc-datastore-url-format')).toEqual([]);
  });
});

describe('sc-unknown-datastore', () => {
  it('warns about a URL not in the inventory, with a did-you-mean', () => {
    const typo = VSAN.replace('acfc77', 'acfc78');
    const text = sc(`  datastoreurl: "${typo}"`);
    const findings = ofRule(lint(text, { config: INVENTORY }), 'sc-unknown-datastore');
    expect(findings.map((f) => [f.range.start.line + 1, textOf(text, f), f.severity])).toEqual([[7, `"${typo}"`, 'warning']]);
    expect(findings[0]!.message).toContain(`Did you mean "${VSAN}"`);
    const fixed = applyFix(text, findings[0]!, 0);
    expect(fixed).toBe(text.replace(typo, VSAN));
    expect(parsesCleanly(fixed)).toBe(true);
  });

  it('stays silent without datastores, for listed URLs and for malformed URLs (another rule)', () => {
    expect(linesOf(lint(sc('  datastoreurl: "ds:///vmfs/volumes/abc/"')), 'sc-unknown-datastore')).toEqual([]);
    expect(linesOf(lint(sc(`  datastoreurl: "${VMFS}"`), { config: INVENTORY }), 'sc-unknown-datastore')).toEqual([]);
    expect(linesOf(lint(sc('  datastoreurl: "ds:///vmfs/volumes/abc"'), { config: INVENTORY }), 'sc-unknown-datastore')).toEqual([]);
  });
});
