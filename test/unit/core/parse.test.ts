// Parsing as a user sees it: which objects are recognised, where findings land, and that one broken
// document (or a hostile file) never hides the rest of the file or hangs the run.
import { describe, expect, it } from 'vitest';
import { createLanguageService } from '../../../server/src/service/index.js';
import { lint, linesOf, ofRule, service, textOf } from '../../helpers/lint.js';

const sc = (name: string, params = '  storagePolicy: "Gold"') => `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: ${name}
provisioner: csi.vsphere.vmware.com
parameters:
${params}
`;

const kinds = (text: string) => service.parse({ uri: 'file:///ws/x.yaml', text }).objects.map((o) => `${o.kind}/${o.name}`);

describe('multi-document files', () => {
  it('recognises every document and reports on the line of the document it is in', () => {
    const text = [sc('a', '  storagepolicyname: "Gold"'), sc('b'), sc('c')].join('---\n');
    expect(kinds(text)).toEqual(['StorageClass/a', 'StorageClass/b', 'StorageClass/c']);
    expect(linesOf(lint(text), 'sc-unknown-parameter')).toEqual([15, 23]);
  });

  it('ignores empty documents, comment-only documents and a leading ---', () => {
    const text = `---\n# nothing here\n---\n---\n${sc('a')}---\n`;
    expect(kinds(text)).toEqual(['StorageClass/a']);
    expect(linesOf(lint(text), 'sc-unknown-parameter')).toEqual([11]);
  });
});

describe('kind: List', () => {
  it('recognises the items of a v1 List and reports inside them', () => {
    const text = `apiVersion: v1\nkind: List\nitems:\n- ${sc('listed').trimEnd().replace(/\n/g, '\n  ')}\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: other}\n`;
    expect(kinds(text)).toEqual(['StorageClass/listed']);
    const findings = ofRule(lint(text), 'sc-unknown-parameter');
    expect(findings.map((f) => [f.range.start.line + 1, f.range.start.character + 1])).toEqual([[10, 5]]);
    expect(textOf(text, findings[0]!)).toBe('storagePolicy');
  });

  it('recognises typed lists such as StorageClassList', () => {
    const text = `apiVersion: storage.k8s.io/v1\nkind: StorageClassList\nitems:\n- ${sc('typed').trimEnd().replace(/\n/g, '\n  ')}\n`;
    expect(kinds(text)).toEqual(['StorageClass/typed']);
  });
});

describe('byte order mark and line endings', () => {
  it('a BOM at the start changes neither recognition nor positions', () => {
    const plain = sc('gold');
    const withBom = '\uFEFF' + plain;
    expect(kinds(withBom)).toEqual(['StorageClass/gold']);
    const a = ofRule(lint(plain), 'sc-unknown-parameter')[0]!;
    const b = ofRule(lint(withBom), 'sc-unknown-parameter')[0]!;
    expect(b.range).toEqual(a.range);
    expect(textOf(withBom, b)).toBe('storagePolicy');
  });

  it('CRLF files get the same lines and columns as LF files, and ranges never include \\r', () => {
    const lf = `# header\n${sc('a', '  storagepolicyname: x')}---\n${sc('b', '  datastoreurl: x\n  storagePolicy: "Gold"')}`;
    const crlf = lf.replace(/\n/g, '\r\n');
    const a = ofRule(lint(lf), 'sc-unknown-parameter');
    const b = ofRule(lint(crlf), 'sc-unknown-parameter');
    expect(b.map((f) => f.range)).toEqual(a.map((f) => f.range));
    expect(b.map((f) => [f.range.start.line + 1, f.range.start.character + 1])).toEqual([[17, 3]]);
    expect(b.map((f) => textOf(crlf, f))).toEqual(['storagePolicy']);
  });
});

describe('syntax errors', () => {
  it('a broken document yields exactly one yaml-syntax error at its position; the next document is still analysed', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\ndata:\n  a: b: c\n  d: [1, 2\n---\n${sc('after')}`;
    const findings = lint(text);
    const syntax = ofRule(findings, 'yaml-syntax');
    expect(syntax).toHaveLength(1);
    expect(syntax[0]!.severity).toBe('error');
    expect(syntax[0]!.range.start).toEqual({ line: 3, character: 5 });
    expect(linesOf(findings, 'sc-unknown-parameter')).toEqual([13]);
  });

  it('documents before and after a broken one are analysed; the broken one is not', () => {
    const text = `${sc('before')}---\n${sc('broken', '  storagePolicy: "Gold"\n\tdatastoreurl: x')}---\n${sc('after')}`;
    const findings = lint(text);
    expect(linesOf(findings, 'yaml-syntax')).toEqual([16]);
    expect(linesOf(findings, 'sc-unknown-parameter')).toEqual([7, 24]);
  });

  it('a duplicated key is one yaml-syntax error covering the second key', () => {
    const text = sc('dup', '  storagepolicyname: "Gold"') + 'provisioner: csi.vsphere.vmware.com\n';
    const syntax = ofRule(lint(text), 'yaml-syntax');
    expect(syntax).toHaveLength(1);
    expect(syntax[0]!.range.start.line + 1).toBe(8);
    expect(textOf(text, syntax[0]!)).toBe('provisioner');
    expect(syntax[0]!.message).toMatch(/unique/i);
  });

  it('a duplicated parameter key is reported, and the class is not analysed further', () => {
    const text = sc('dup', '  storagepolicyname: "Gold"\n  storagepolicyname: "Silver"\n  storagePolicy: x');
    const findings = lint(text);
    expect(linesOf(findings, 'yaml-syntax')).toEqual([8]);
    expect(ofRule(findings, 'sc-unknown-parameter')).toEqual([]);
  });
});

describe('objects are recognised by apiVersion and kind only', () => {
  it('a StorageClass kind from another API group is not a StorageClass', () => {
    const text = sc('lookalike').replace('storage.k8s.io/v1', 'example.com/v1');
    expect(kinds(text)).toEqual([]);
    expect(lint(text)).toEqual([]);
  });

  it('without apiVersion nothing is recognised', () => {
    const text = sc('noversion').replace('apiVersion: storage.k8s.io/v1\n', '');
    expect(kinds(text)).toEqual([]);
  });

  it('any storage.k8s.io version is a StorageClass (v1beta1 included)', () => {
    expect(kinds(sc('beta').replace('storage.k8s.io/v1', 'storage.k8s.io/v1beta1'))).toEqual(['StorageClass/beta']);
  });

  it('file names never matter', () => {
    const text = sc('gold');
    for (const uri of ['file:///ws/storageclass.yaml', 'file:///ws/README.md', 'file:///ws/values.yaml', 'untitled:Untitled-1', 'file:///ws/noext']) {
      const results = service.lintFiles([{ uri, text }]);
      expect(ofRule(results.get(uri)!, 'sc-unknown-parameter'), uri).toHaveLength(1);
    }
    const plain = 'kind: StorageClass\nparameters:\n  storagePolicy: x\n';
    const results = service.lintFiles([{ uri: 'file:///ws/storageclass.yaml', text: plain }]);
    expect(results.get('file:///ws/storageclass.yaml')).toEqual([]);
  });
});

describe('Go/Helm templates', () => {
  it('a template gives one template-skipped info and nothing else', () => {
    const text = `${sc('{{ .Values.name }}')}  fstype: {{ .Values.fs | quote }}\n  bad: [\n`;
    const findings = lint(text);
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([['template-skipped', 'info']]);
    expect(textOf(text, findings[0]!)).toBe('{{ .Values.name }}');
    expect(findings[0]!.range.start.line + 1).toBe(4);
  });

  it('whitespace-trimming actions ({{- ... -}}) are templates too', () => {
    expect(lint('{{- if .Values.enabled }}\napiVersion: v1\n{{- end }}\n').map((f) => f.ruleId)).toEqual(['template-skipped']);
  });

  it('{{ inside a comment, whole-line or trailing, is not a template', () => {
    const text = `# render with {{ .Values.x }} later\n${sc('gold', '  storagePolicy: "Gold" # was {{ .Values.policy }}\n  # {{ end }}')}`;
    const findings = lint(text);
    expect(ofRule(findings, 'template-skipped')).toEqual([]);
    expect(linesOf(findings, 'sc-unknown-parameter')).toEqual([8]);
  });

  it('a # inside a quoted template value does not hide the template', () => {
    expect(lint('name: "#{{ .Values.x }}"\n').map((f) => f.ruleId)).toEqual(['template-skipped']);
  });
});

describe('hostile input is bounded', () => {
  it('a billion-laughs alias bomb finishes quickly and is reported instead of expanded', () => {
    const levels = 'abcdefghij'.split('');
    let bomb = `apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: lol\nprovisioner: csi.vsphere.vmware.com\nx0: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n`;
    for (let i = 1; i < levels.length; i++) {
      const prev = levels[i - 1]!;
      bomb += `x${i}: &${levels[i]} [${Array(9).fill(`*${prev}`).join(',')}]\n`;
    }
    bomb += 'parameters:\n  storagepolicyname: *j\n';
    const started = performance.now();
    const findings = lint(bomb);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(findings.some((f) => f.severity === 'error')).toBe(true);
  });

  it('deeply nested flow collections are reported, not a crash', () => {
    const deep = 'a: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n';
    const findings = lint(deep);
    expect(ofRule(findings, 'yaml-syntax').length).toBeLessThanOrEqual(1);
  });

  it('a file over the size limit is reported once and not parsed', () => {
    const small = createLanguageService({ limits: { maxBytes: 1024 } });
    const text = sc('big') + '#'.repeat(2000) + '\n';
    const findings = small.lintFiles([{ uri: 'file:///ws/big.yaml', text }]).get('file:///ws/big.yaml')!;
    expect(findings).toHaveLength(1);
    expect(findings[0]!.ruleId).toBe('yaml-syntax');
    expect(findings[0]!.message).toContain('1 KB');
    expect(findings[0]!.range.start).toEqual({ line: 0, character: 0 });
  });
});
