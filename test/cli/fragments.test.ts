// The command line and the new file types: walking picks up csi-vsphere.conf (and other *.conf only
// when their sections are the driver's), .vmx files, scripts and kickstart files; SARIF reports
// their findings with exact regions, also for a conf embedded in a Secret.
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, CLEAN, json, removeTree, run, tree } from './helpers.js';

beforeAll(assertBuilt);

const paths = (stdout: string) => JSON.parse(stdout).map((f: { filePath: string }) => f.filePath);

const BROKEN_CONF = `[Global]
cluster-id = "prod"

[VirtualCenter "vc.example.com"]
user = "administrator@vsphere.local"
password = "secret"
insecure_flag = false
`;

const DRIVER_CONF = `# the same file under another name
[VirtualCenter "vc.example.com"]
user = "administrator@vsphere.local"
password = "secret"
`;

const NGINX_CONF = `server {
  listen 80;
}
`;

const SECRET = `apiVersion: v1
kind: Secret
metadata:
  name: vsphere-config-secret
  namespace: vmware-system-csi
stringData:
  csi-vsphere.conf: |
    [VirtualCenter "vc.example.com"]
    user = "administrator"
    password = "secret"
`;

describe('walking folders for the new file types', () => {
  it('takes csi-vsphere.conf, driver *.conf, .vmx, scripts and kickstart files, and skips other *.conf', () => {
    const dir = tree({
      'a.yaml': CLEAN,
      'csi/csi-vsphere.conf': BROKEN_CONF,
      'csi/driver.conf': DRIVER_CONF,
      'etc/nginx.conf': NGINX_CONF,
      'vm/node.vmx': 'disk.EnableUUID = "TRUE"\n',
      'scripts/setup.sh': 'echo hello\n',
      'scripts/setup.bash': 'echo hello\n',
      'scripts/Setup.ps1': 'Write-Host hello\n',
      'scripts/mod.psm1': 'Write-Host hello\n',
      'install/ks.cfg': 'install\n',
      'install/host.ks': 'install\n',
      'install/boot.cfg': 'kernelopt=runweasel\n',
      'notes.txt': 'nothing\n',
      'other.cfg': 'nothing\n',
    });
    try {
      const result = run(['-f', 'json'], { cwd: dir });
      expect(paths(result.stdout)).toEqual([
        'a.yaml',
        'csi/csi-vsphere.conf',
        'csi/driver.conf',
        'install/boot.cfg',
        'install/host.ks',
        'install/ks.cfg',
        'scripts/Setup.ps1',
        'scripts/mod.psm1',
        'scripts/setup.bash',
        'scripts/setup.sh',
        'vm/node.vmx',
      ]);
      const conf = json(result).find((f) => f.filePath === 'csi/csi-vsphere.conf')!;
      expect(conf.messages.map((m) => `${m.ruleId}@${m.line}:${m.column}-${m.endLine}:${m.endColumn}`)).toEqual(['csi-conf-invalid-name@7:1-7:14']);
      expect(json(result).find((f) => f.filePath === 'csi/driver.conf')!.messages).toEqual([]);
    } finally {
      removeTree(dir);
    }
  });

  it('lints a file named on the command line whatever its name, and globs skip foreign *.conf', () => {
    const dir = tree({ 'etc/nginx.conf': NGINX_CONF, 'etc/csi-vsphere.conf': DRIVER_CONF, 'etc/renamed.txt': BROKEN_CONF });
    try {
      expect(paths(run(['-f', 'json', 'etc/nginx.conf'], { cwd: dir }).stdout)).toEqual(['etc/nginx.conf']);
      expect(paths(run(['-f', 'json', 'etc/**/*.conf'], { cwd: dir }).stdout)).toEqual(['etc/csi-vsphere.conf']);
    } finally {
      removeTree(dir);
    }
  });

  it('--fix repairs a csi-vsphere.conf', () => {
    const dir = tree({ 'csi-vsphere.conf': BROKEN_CONF });
    try {
      const result = run(['--fix', '-f', 'json'], { cwd: dir });
      expect(result.code).toBe(0);
      expect(json(result)[0]!.messages).toEqual([]);
    } finally {
      removeTree(dir);
    }
  });
});

describe('SARIF for csi-vsphere.conf', () => {
  it('reports standalone and embedded findings with exact regions', () => {
    const dir = tree({ 'csi-vsphere.conf': BROKEN_CONF, 'secret.yaml': SECRET });
    try {
      const result = run(['--format', 'sarif'], { cwd: dir });
      expect(result.code).toBe(1);
      const log = JSON.parse(result.stdout);
      const found = log.runs[0].results
        .filter((r: { ruleId: string }) => r.ruleId.startsWith('csi-conf-'))
        .map((r: any) => {
          const { artifactLocation, region } = r.locations[0].physicalLocation;
          return [r.ruleId, r.level, artifactLocation.uri, region.startLine, region.startColumn, region.endLine, region.endColumn];
        });
      expect(found).toEqual([
        ['csi-conf-invalid-name', 'error', 'csi-vsphere.conf', 7, 1, 7, 14],
        ['csi-conf-username-format', 'error', 'secret.yaml', 9, 12, 9, 27],
      ]);
      const rules = log.runs[0].tool.driver.rules.map((r: { id: string }) => r.id);
      expect(rules).toEqual(expect.arrayContaining(['csi-conf-syntax', 'csi-conf-invalid-name', 'csi-conf-username-format']));
    } finally {
      removeTree(dir);
    }
  });
});
