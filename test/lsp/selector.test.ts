// The VS Code client's document selector (shared with the server in server/src/lsp/protocol.ts)
// covers every file the command line lints: YAML by language, the fragment languages
// (csi-vsphere.conf, .vmx, shell, PowerShell, kickstart) on disk by name.
import picomatch from 'picomatch';
import { describe, expect, test } from 'vitest';
import { DOCUMENT_SELECTOR } from '../../server/src/lsp/protocol.js';
import { WALKED_FILE_GLOBS, languageForPath } from '../../server/src/service/index.js';

const patterns = DOCUMENT_SELECTOR.filter((f) => f.pattern !== undefined);

function selectedOnDisk(relativePath: string): boolean {
  return patterns.some((f) => f.scheme === 'file' && picomatch.isMatch(relativePath, f.pattern!, { dot: true }));
}

describe('client document selector', () => {
  test('YAML: files and untitled buffers, by language', () => {
    expect(DOCUMENT_SELECTOR).toEqual(expect.arrayContaining([{ scheme: 'file', language: 'yaml' }, { scheme: 'untitled', language: 'yaml' }]));
  });

  test.each(['csi-vsphere.conf', 'node.vmx', 'prep.sh', 'prep.bash', 'setup.ps1', 'Helpers.psm1', 'ks.cfg', 'host.ks', 'esx01-ks.cfg', 'boot.cfg'])('selects %s, at the root and in folders', (name) => {
    expect(languageForPath(name), `${name} is a language the linter reads`).toBeDefined();
    expect(languageForPath(name)).not.toBe('yaml');
    expect(selectedOnDisk(name)).toBe(true);
    expect(selectedOnDisk(`deploy/nodes/${name}`)).toBe(true);
  });

  test('every non-YAML name the command line walks is selected', () => {
    for (const glob of WALKED_FILE_GLOBS.filter((g) => !/\.ya?ml$/.test(g))) {
      expect(selectedOnDisk(`dir/${glob.replace('*', 'sample')}`), glob).toBe(true);
    }
  });

  test('other .conf files are handed over too (the server decides from their sections); unrelated files are not', () => {
    expect(selectedOnDisk('etc/other.conf')).toBe(true);
    expect(languageForPath('etc/other.conf', '[Global]\ncluster-id = "x"\n')).toBe('csi-conf');
    expect(languageForPath('etc/other.conf', '[mysqld]\nport = 3306\n')).toBeUndefined();
    for (const name of ['notes.txt', 'app.cfg', 'Makefile', 'main.go', 'values.json']) expect(selectedOnDisk(`dir/${name}`), name).toBe(false);
  });
});
