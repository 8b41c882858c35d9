// Every csi-vsphere.conf rule: cases that fire (with the exact span) and cases that stay quiet.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../server/src/service/index.js';
import { applyFix, lintFiles, service } from '../../helpers/lint.js';

const CONF = 'csi-vsphere.conf';
const VC = '[VirtualCenter "vc.example.com"]\nuser = "administrator@vsphere.local"\npassword = "secret"\n';
const GOOD = `[Global]\ncluster-id = "prod"\n\n${VC}datacenters = "dc1"\n`;

function lintConf(text: string, config?: string): Finding[] {
  return lintFiles({ files: { [CONF]: text }, ...(config !== undefined ? { config } : {}) }).get(CONF) ?? [];
}

/** `rule@line:"covered text"` for each finding. */
function shown(text: string, findings: Finding[], ...ids: string[]): string[] {
  return findings.filter((f) => ids.length === 0 || ids.includes(f.ruleId)).map((f) => `${f.ruleId}@${f.range.start.line + 1}:${text.slice(f.start, f.end)}`);
}

function only(text: string, id: string, config?: string): Finding[] {
  return lintConf(text, config).filter((f) => f.ruleId === id);
}

describe('a correct csi-vsphere.conf', () => {
  it('lints clean, with capitalised keys and inline comments', () => {
    expect(shown(GOOD, lintConf(GOOD))).toEqual([]);
    const text = `${GOOD}\n[NetPermissions "A"]\nIps = "10.0.0.0/8"  # lab\nPermissions = "READ_ONLY"\nRootSquash\n\n[Labels]\ntopology-categories = "k8s-region, k8s-zone"\n\n[Snapshot]\nglobal-max-snapshots-per-block-volume = 5\n`;
    expect(shown(text, lintConf(text))).toEqual([]);
  });

  it('every rule is registered with its category', () => {
    const ids = service.rules.filter((r) => r.category === 'csi-vsphere.conf').map((r) => r.id);
    expect(ids).toContain('csi-conf-syntax');
    expect(ids.length).toBeGreaterThanOrEqual(20);
  });
});

describe('csi-conf-syntax', () => {
  it('reports gcfg syntax errors with their spans', () => {
    const text = `[Global\ncluster-id: "x"\n${VC}`;
    expect(shown(text, lintConf(text), 'csi-conf-syntax')).toEqual(['csi-conf-syntax@1:[Global', 'csi-conf-syntax@2:: "x"']);
    expect(lintConf(text).find((f) => f.ruleId === 'csi-conf-syntax')!.severity).toBe('error');
  });

  it('needs quotes around subsection names other than the vCenter host', () => {
    const text = `${GOOD}[NetPermissions A]\nips = "*"\n`;
    expect(shown(text, only(text, 'csi-conf-syntax'))).toEqual(['csi-conf-syntax@8:A']);
  });

  it('stays quiet on a file gcfg reads', () => {
    expect(only(GOOD, 'csi-conf-syntax')).toEqual([]);
  });
});

describe('csi-conf-invalid-name', () => {
  it('fixes "_" in a known key and says the controller crash-loops', () => {
    const text = GOOD.replace('datacenters', 'insecure_flag = false\ndatacenters');
    const [finding] = only(text, 'csi-conf-invalid-name');
    expect(shown(text, [finding!])).toEqual(['csi-conf-invalid-name@7:insecure_flag']);
    expect(finding!.message).toContain('crash-loops');
    expect(applyFix(text, finding!)).toBe(text.replace('insecure_flag', 'insecure-flag'));
  });

  it('suggests for unknown names and fixes section names', () => {
    const text = `[Virtual_Center "vc"]\nuser = "a@b"\npassword = "p"\n[Global]\nclusterid_x = 1\n`;
    const findings = only(text, 'csi-conf-invalid-name');
    expect(shown(text, findings)).toEqual(['csi-conf-invalid-name@1:Virtual_Center', 'csi-conf-invalid-name@5:clusterid_x']);
    expect(applyFix(text, findings[0]!)).toContain('[VirtualCenter "vc"]');
    expect(findings[1]!.fix).toBeUndefined();
  });

  it('stays quiet on dashes', () => {
    expect(only(GOOD.replace('datacenters', 'insecure-flag = false\ndatacenters'), 'csi-conf-invalid-name')).toEqual([]);
  });
});

describe('csi-conf-escape', () => {
  it('quotes and doubles an unquoted DOMAIN\\user', () => {
    const text = GOOD.replace('"administrator@vsphere.local"', 'CORP\\svc-k8s');
    const [finding] = only(text, 'csi-conf-escape');
    expect(shown(text, [finding!])).toEqual(['csi-conf-escape@5:CORP\\svc-k8s']);
    expect(finding!.message).toContain('crash-loops');
    const fixed = applyFix(text, finding!);
    expect(fixed).toContain('user = "CORP\\\\svc-k8s"');
    expect(lintConf(fixed).filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('doubles a single backslash inside quotes, keeping valid escapes', () => {
    const text = GOOD.replace('"administrator@vsphere.local"', '"CORP\\svc\\tk8s"');
    const [finding] = only(text, 'csi-conf-escape');
    expect(applyFix(text, finding!)).toContain('user = "CORP\\\\svc\\tk8s"');
    expect(finding!.message).toContain('contains "\\s", which is not an escape');
  });

  it('stays quiet on "CORP\\\\user" and gives no fix when the intent is unclear', () => {
    expect(only(GOOD.replace('"administrator@vsphere.local"', '"CORP\\\\svc"'), 'csi-conf-escape')).toEqual([]);
    const mixed = GOOD.replace('"administrator@vsphere.local"', 'CORP\\\\a\\b');
    expect(only(mixed, 'csi-conf-escape')[0]!.fix).toBeUndefined();
  });
});

describe('csi-conf-value-type', () => {
  it('reports bad booleans, numbers, ports and bare non-booleans', () => {
    const text = `[Global]\ninsecure-flag = enabled\nquery-limit = lots\nport = https\ncluster-id\n${VC}port = 70000\n[NetPermissions "a"]\nrootsquash = "TRUE "\n`;
    expect(shown(text, only(text, 'csi-conf-value-type'))).toEqual([
      'csi-conf-value-type@2:enabled',
      'csi-conf-value-type@3:lots',
      'csi-conf-value-type@4:https',
      'csi-conf-value-type@5:cluster-id',
      'csi-conf-value-type@9:70000',
      'csi-conf-value-type@11:"TRUE "',
    ]);
    const rootsquash = only(text, 'csi-conf-value-type').at(-1)!;
    expect(applyFix(text, rootsquash)).toContain('rootsquash = true\n');
  });

  it('accepts every gcfg boolean spelling, hex numbers and quoted ports', () => {
    const text = `[Global]\ninsecure-flag = "Off"\nquery-limit = 0x10\nport = "443"\n${VC}insecure-flag = 0\n[NetPermissions "a"]\nrootsquash\n`;
    expect(only(text, 'csi-conf-value-type')).toEqual([]);
  });

  it('ignores keys the configured driver does not read yet', () => {
    const text = `${GOOD}[Snapshot]\nglobal-max-snapshots-per-block-volume = many\n`;
    expect(only(text, 'csi-conf-value-type')).toHaveLength(1);
    expect(only(text, 'csi-conf-value-type', 'driver:\n  version: "2.3.0"\n')).toEqual([]);
  });
});

describe('csi-conf-unknown-section', () => {
  it('warns with a did-you-mean, explains CPI sections and subsections on plain sections', () => {
    const text = `${GOOD}[VCenter "x"]\n[Workspace]\nserver = "vc"\n[Global "cluster"]\nuser = "x@y"\n`;
    const findings = only(text, 'csi-conf-unknown-section');
    expect(shown(text, findings)).toEqual(['csi-conf-unknown-section@8:VCenter', 'csi-conf-unknown-section@9:Workspace', 'csi-conf-unknown-section@11:Global "cluster"']);
    expect(findings.map((f) => f.severity)).toEqual(['warning', 'warning', 'warning']);
    expect(findings[0]!.message).toContain('Did you mean [VirtualCenter]');
    expect(findings[0]!.suggestions?.map((s) => s.title)).toEqual(['Rename to VirtualCenter']);
    expect(findings[1]!.message).toContain('in-tree vSphere cloud provider');
    expect(applyFix(text, findings[2]!, 0)).toContain('\n[Global]\nuser = "x@y"');
  });

  it('notes [GC] outside guest clusters and stays quiet on known sections', () => {
    const text = `${GOOD}[GC]\nendpoint = "10.0.0.1"\n`;
    expect(only(text, 'csi-conf-unknown-section').map((f) => f.severity)).toEqual(['info']);
    expect(only(text, 'csi-conf-unknown-section', 'driver:\n  flavor: guest\n')).toEqual([]);
    expect(only(GOOD, 'csi-conf-unknown-section')).toEqual([]);
  });
});

describe('csi-conf-unknown-key', () => {
  it('warns on typos, misplaced keys and cloud provider keys', () => {
    const text = `[Global]\nclusterid = "x"\ntopology-categories = "k8s-zone"\nserver = "vc"\n${VC}datacenter = "dc1"\nsecret-name = "creds"\n`;
    const findings = only(text, 'csi-conf-unknown-key');
    expect(shown(text, findings)).toEqual([
      'csi-conf-unknown-key@2:clusterid',
      'csi-conf-unknown-key@3:topology-categories',
      'csi-conf-unknown-key@4:server',
      'csi-conf-unknown-key@8:datacenter',
      'csi-conf-unknown-key@9:secret-name',
    ]);
    expect(findings[0]!.message).toContain('Did you mean "cluster-id"');
    expect(applyFix(text, findings[0]!, 0)).toContain('cluster-id = "x"');
    expect(findings[1]!.message).toContain('belongs in [Labels]');
    expect(findings[2]!.message).toContain('cloud provider');
    expect(findings[3]!.message).toContain('datacenters');
    expect(findings[4]!.message).toContain('put user and password in this file');
    expect(findings.every((f) => f.message.includes('no effect'))).toBe(true);
  });

  it('reports keys newer than driver.version and stays quiet on case variants', () => {
    const text = `${GOOD}ca-file = "/etc/ca.pem"\n`;
    expect(only(text, 'csi-conf-unknown-key')).toEqual([]);
    expect(only(text, 'csi-conf-unknown-key', 'driver:\n  version: "3.2.0"\n')[0]!.message).toContain('read from driver v3.3.0');
    expect(only(GOOD.replace('user =', 'USER =').replace('password', 'Password'), 'csi-conf-unknown-key')).toEqual([]);
  });
});

describe('csi-conf-removed-key', () => {
  it('warns on keys newer drivers ignore, by driver version', () => {
    const text = `[Global]\nvc-client-timeout = 5\n${VC}targetvSANFileShareDatastoreURLs = "ds:///vmfs/volumes/x/"\n`;
    const findings = only(text, 'csi-conf-removed-key');
    expect(shown(text, findings)).toEqual(['csi-conf-removed-key@2:vc-client-timeout', 'csi-conf-removed-key@6:targetvSANFileShareDatastoreURLs']);
    expect(findings[0]!.tags).toEqual(['deprecated']);
    expect(only(text, 'csi-conf-removed-key', 'driver:\n  version: "3.2.0"\n').map((f) => f.range.start.line + 1)).toEqual([6]);
    expect(only(text, 'csi-conf-removed-key', 'driver:\n  version: "2.7.0"\n')).toEqual([]);
    expect(only(text, 'csi-conf-unknown-key')).toEqual([]);
  });
});

describe('csi-conf-duplicate-key', () => {
  it('marks the values that a later one overrides, across repeated sections', () => {
    const text = `${GOOD}[VirtualCenter "vc.example.com"]\npassword = "other"\n`;
    const [finding] = only(text, 'csi-conf-duplicate-key');
    expect(shown(text, [finding!])).toEqual(['csi-conf-duplicate-key@6:password = "secret"']);
    expect(finding!.message).toContain('line 9');
    expect(only(GOOD, 'csi-conf-duplicate-key')).toEqual([]);
  });
});

describe('csi-conf-no-vcenter', () => {
  it('fires without any vCenter and stays quiet with one or the legacy vcenterip', () => {
    const text = '[Global]\nserver = "vc.example.com"\nuser = "a@b"\n';
    const [finding] = only(text, 'csi-conf-no-vcenter');
    expect(shown(text, [finding!])).toEqual(['csi-conf-no-vcenter@1:[Global]']);
    expect(finding!.message).toContain('no Virtual Center hosts defined');
    expect(finding!.message).toContain('server is a cloud provider key');
    expect(only(GOOD, 'csi-conf-no-vcenter')).toEqual([]);
    expect(only('[Global]\nvcenterip = "vc"\nuser = "a@b"\npassword = "p"\n', 'csi-conf-no-vcenter')).toEqual([]);
  });
});

describe('csi-conf-vcenter-host', () => {
  it('fires on a missing host and fixes an unquoted one', () => {
    const text = '[VirtualCenter]\nuser = "a@b"\npassword = "p"\n[VirtualCenter 10.0.0.2]\n';
    const findings = only(text, 'csi-conf-vcenter-host');
    expect(shown(text, findings)).toEqual(['csi-conf-vcenter-host@1:[VirtualCenter]', 'csi-conf-vcenter-host@4:10.0.0.2']);
    expect(findings[0]!.message).toContain('does not have the VirtualCenter IP address specified');
    expect(applyFix(text, findings[1]!)).toContain('[VirtualCenter "10.0.0.2"]');
    expect(only(GOOD, 'csi-conf-vcenter-host')).toEqual([]);
  });
});

describe('csi-conf-credentials', () => {
  it('fires when neither the section nor [Global] has user or password', () => {
    const text = '[VirtualCenter "vc1"]\nuser = "a@b"\npassword = ""\n[VirtualCenter "vc2"]\n';
    expect(shown(text, only(text, 'csi-conf-credentials'))).toEqual([
      'csi-conf-credentials@1:[VirtualCenter "vc1"]',
      'csi-conf-credentials@4:[VirtualCenter "vc2"]',
      'csi-conf-credentials@4:[VirtualCenter "vc2"]',
    ]);
    expect(only(text, 'csi-conf-credentials')[0]!.message).toContain('password is missing');
  });

  it('counts the [Global] fallback', () => {
    expect(only('[Global]\nuser = "a@b"\npassword = "p"\n[VirtualCenter "vc1"]\n', 'csi-conf-credentials')).toEqual([]);
    expect(shown('[Global]\nvcenterip = "vc"\nuser = "a@b"\n', only('[Global]\nvcenterip = "vc"\nuser = "a@b"\n', 'csi-conf-credentials'))).toEqual([
      'csi-conf-credentials@2:vcenterip = "vc"',
    ]);
  });
});

describe('csi-conf-username-format', () => {
  it('fires on a user without a domain, with the driver’s error', () => {
    const text = GOOD.replace('"administrator@vsphere.local"', '"administrator"');
    const [finding] = only(text, 'csi-conf-username-format');
    expect(shown(text, [finding!])).toEqual(['csi-conf-username-format@5:"administrator"']);
    expect([finding!.severity, finding!.message.includes('username is invalid'), finding!.message.includes('administrator@vsphere.local')]).toEqual(['error', true, true]);
  });

  it('is a warning for drivers that do not check, a note for placeholders, and quiet for both forms', () => {
    const text = GOOD.replace('"administrator@vsphere.local"', '"administrator"');
    expect(only(text, 'csi-conf-username-format', 'driver:\n  version: "3.0.0"\n').map((f) => f.severity)).toEqual(['warning']);
    expect(only(text, 'csi-conf-username-format', 'driver:\n  version: "2.6.4"\n').map((f) => f.severity)).toEqual(['error']);
    expect(only(GOOD.replace('"administrator@vsphere.local"', '"vcenter username"'), 'csi-conf-username-format').map((f) => f.severity)).toEqual(['info']);
    expect(only(GOOD.replace('"administrator@vsphere.local"', '"CORP\\\\svc-k8s"'), 'csi-conf-username-format')).toEqual([]);
    expect(only(GOOD, 'csi-conf-username-format')).toEqual([]);
  });

  it('checks the [Global] user a vCenter falls back to, once', () => {
    const text = '[Global]\nuser = "root"\npassword = "p"\n[VirtualCenter "a"]\n[VirtualCenter "b"]\n[Labels]\ntopology-categories = "k8s-zone"\n';
    expect(shown(text, only(text, 'csi-conf-username-format'))).toEqual(['csi-conf-username-format@2:"root"']);
  });
});

describe('csi-conf-value-too-long', () => {
  it('fires on ids over 64 bytes and distributions over 128 characters', () => {
    const id = 'c'.repeat(65);
    const text = GOOD.replace('"prod"', `"${id}"`).replace('[VirtualCenter', `cluster-distribution = "${'d'.repeat(129)}"\n[VirtualCenter`);
    const findings = only(text, 'csi-conf-value-too-long');
    expect(findings.map((f) => f.range.start.line + 1)).toEqual([2, 4]);
    expect(findings[0]!.message).toContain('cluster id must not exceed 64 characters');
    expect(findings[1]!.message).toContain('PVCs stay Pending');
    expect(only(GOOD.replace('"prod"', `"${'c'.repeat(64)}"`), 'csi-conf-value-too-long')).toEqual([]);
  });
});

describe('multi-vCenter rules', () => {
  const vcs = (n: number) => Array.from({ length: n }, (_, i) => `[VirtualCenter "vc${i + 1}"]\n`).join('');
  const base = '[Global]\nuser = "a@b"\npassword = "p"\n';

  it('csi-conf-too-many-vcenters fires on the sixth', () => {
    const text = `${base}${vcs(6)}[Labels]\ntopology-categories = "k8s-zone"\n`;
    expect(shown(text, only(text, 'csi-conf-too-many-vcenters'))).toEqual(['csi-conf-too-many-vcenters@9:[VirtualCenter "vc6"]']);
    expect(only(`${base}${vcs(5)}[Labels]\ntopology-categories = "k8s-zone"\n`, 'csi-conf-too-many-vcenters')).toEqual([]);
  });

  it('csi-conf-multi-vcenter-topology needs topology-categories with two vCenters', () => {
    const text = `${base}${vcs(2)}`;
    expect(shown(text, only(text, 'csi-conf-multi-vcenter-topology'))).toEqual(['csi-conf-multi-vcenter-topology@5:[VirtualCenter "vc2"]']);
    expect(only(`${base}${vcs(2)}[Labels]\ntopology-categories = "k8s-zone"\n`, 'csi-conf-multi-vcenter-topology')).toEqual([]);
    expect(only(`${base}${vcs(1)}[VirtualCenter "vc1"]\n`, 'csi-conf-multi-vcenter-topology')).toEqual([]);
    expect(only(text, 'csi-conf-multi-vcenter-topology', 'driver:\n  version: "2.7.0"\n')).toEqual([]);
  });
});

describe('topology rules', () => {
  it('csi-conf-topology-conflict: topology-categories with zone or region', () => {
    const text = `${GOOD}[Labels]\ntopology-categories = "k8s-zone"\nzone = "k8s-zone"\n`;
    expect(shown(text, only(text, 'csi-conf-topology-conflict'))).toEqual(['csi-conf-topology-conflict@10:zone = "k8s-zone"']);
    expect(only(`${GOOD}[Labels]\nzone = "z"\nregion = "r"\n`, 'csi-conf-topology-conflict')).toEqual([]);
  });

  it('csi-conf-too-many-categories counts every comma', () => {
    const text = `${GOOD}[Labels]\ntopology-categories = "a,b,c,d,e,"\n`;
    expect(shown(text, only(text, 'csi-conf-too-many-categories'))).toEqual(['csi-conf-too-many-categories@9:"a,b,c,d,e,"']);
    expect(only(`${GOOD}[Labels]\ntopology-categories = "a,b,c,d,e"\n`, 'csi-conf-too-many-categories')).toEqual([]);
  });

  it('csi-conf-topology-label: domains, a missing label, and mappings with no effect', () => {
    const text = `${GOOD}[Labels]\nzone = "k8s-zone"\nregion = "k8s-region"\n[TopologyCategory "k8s-zone"]\nlabel = "topology.kubernetes.io/zone"\n[TopologyCategory "k8s-region"]\nlabel = "example.com/region"\n[TopologyCategory "other"]\n[TopologyCategory "rack"]\nlabel = "topology.csi.vmware.com/rack"\n`;
    const findings = only(text, 'csi-conf-topology-label');
    expect(shown(text, findings)).toEqual([
      'csi-conf-topology-label@14:"example.com/region"',
      'csi-conf-topology-label@15:[TopologyCategory "other"]',
      'csi-conf-topology-label@16:[TopologyCategory "rack"]',
    ]);
    expect(findings.map((f) => f.severity)).toEqual(['error', 'error', 'warning']);
    expect(findings[0]!.message).toContain('unrecognised topology label "example.com/region"');
  });

  it('csi-conf-zone-region-incomplete: one of the pair alone', () => {
    const text = `${GOOD}[Labels]\nregion = "k8s-region"\n`;
    expect(shown(text, only(text, 'csi-conf-zone-region-incomplete'))).toEqual(['csi-conf-zone-region-incomplete@9:region = "k8s-region"']);
    expect(only(`${GOOD}[Labels]\nzone = "z"\nregion = "r"\n`, 'csi-conf-zone-region-incomplete')).toEqual([]);
  });
});

describe('csi-conf-net-permissions', () => {
  it('fires on values the driver does not know, fixing case-only differences', () => {
    const text = `${GOOD}[NetPermissions "a"]\npermissions = "read-only"\n[NetPermissions "b"]\npermissions = RW\n`;
    const findings = only(text, 'csi-conf-net-permissions');
    expect(shown(text, findings)).toEqual(['csi-conf-net-permissions@9:"read-only"', 'csi-conf-net-permissions@11:RW']);
    expect(applyFix(text, findings[0]!)).toContain('permissions = "READ_ONLY"');
    expect(findings[1]!.fix).toBeUndefined();
    expect(only(`${GOOD}[NetPermissions "a"]\nPermissions = "NO_ACCESS"\n`, 'csi-conf-net-permissions')).toEqual([]);
  });
});

describe('TLS rules', () => {
  it('csi-conf-insecure-tls: verification off, and ca-file ignored while it is', () => {
    const text = GOOD.replace('datacenters', 'insecure-flag = true\ndatacenters');
    const [finding] = only(text, 'csi-conf-insecure-tls');
    expect(shown(text, [finding!])).toEqual(['csi-conf-insecure-tls@7:insecure-flag = true']);
    expect([finding!.severity, finding!.message.includes('TLS verification')]).toEqual(['warning', true]);
    const withCa = text.replace('datacenters', 'ca-file = "/etc/ca.pem"\ndatacenters');
    expect(only(withCa, 'csi-conf-insecure-tls')[0]!.message).toContain('ignored while the flag is true');
    expect(only(GOOD, 'csi-conf-insecure-tls')).toEqual([]);
    expect(only(GOOD.replace('datacenters', 'insecure-flag = false\ndatacenters'), 'csi-conf-insecure-tls')).toEqual([]);
  });

  it('csi-conf-insecure-tls: one finding for a [Global] flag shared by several vCenters', () => {
    const text = '[Global]\ninsecure-flag\nuser = "a@b"\npassword = "p"\n[VirtualCenter "a"]\n[VirtualCenter "b"]\n[Labels]\ntopology-categories = "z"\n';
    const findings = only(text, 'csi-conf-insecure-tls');
    expect(shown(text, findings)).toEqual(['csi-conf-insecure-tls@2:insecure-flag']);
    expect(findings[0]!.message).toContain('"a", "b"');
  });

  it('csi-conf-insecure-override: a per-vCenter false under a [Global] true', () => {
    const text = `[Global]\ninsecure-flag = true\n${VC}insecure-flag = false\n`;
    const [finding] = only(text, 'csi-conf-insecure-override');
    expect(shown(text, [finding!])).toEqual(['csi-conf-insecure-override@6:insecure-flag = false']);
    expect(only(text, 'csi-conf-insecure-tls').map((f) => f.range.start.line + 1)).toEqual([2]);
    expect(only(`${VC}insecure-flag = false\n`, 'csi-conf-insecure-override')).toEqual([]);
  });
});

describe('suppression comments', () => {
  it('work in csi-vsphere.conf (# is a gcfg comment)', () => {
    const text = `[Global]\n# vsphere-csi-lint-disable-next-line csi-conf-unknown-key -- kept for the cloud provider\nserver = "vc"\n${VC}`;
    expect(shown(text, lintConf(text))).toEqual([]);
  });
});
