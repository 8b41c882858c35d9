// Suppression comments as a user writes them: keyed by rule id, with an optional `-- reason`, and
// a stale or misspelt suppression is itself reported with a fix that removes it.
import { describe, expect, it } from 'vitest';
import { applyFix, lint, linesOf, ofRule, parsesCleanly, service, textOf } from '../../helpers/lint.js';

const sc = (params: string) => `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: gold
provisioner: csi.vsphere.vmware.com
parameters:
${params}
`;

const ids = (text: string) => lint(text).map((f) => `${f.range.start.line + 1}:${f.ruleId}`);

describe('disable-next-line', () => {
  it('suppresses one rule on the next line, with a reason', () => {
    const text = sc('  # vsphere-csi-lint-disable-next-line sc-unknown-parameter -- consumed by our webhook\n  team: payments\n  owner: x');
    expect(ids(text)).toEqual(['9:sc-unknown-parameter']);
  });

  it('takes several ids separated by commas', () => {
    const text = sc('  # vsphere-csi-lint-disable-next-line k8s-schema, sc-unknown-parameter -- both known\n  replicas: 3');
    expect(ids(text)).toEqual([]);
  });

  it('without ids suppresses every rule on the next line', () => {
    expect(ids(sc('  # vsphere-csi-lint-disable-next-line\n  replicas: 3'))).toEqual([]);
  });

  it('stacked directive lines all apply to the first line below them', () => {
    const text = sc(
      [
        '  # vsphere-csi-lint-disable-next-line sc-unknown-parameter -- webhook key',
        '  # vsphere-csi-lint-disable-next-line k8s-schema -- number on purpose',
        '  replicas: 3',
        '  other: x',
      ].join('\n'),
    );
    expect(ids(text)).toEqual(['10:sc-unknown-parameter']);
  });

  it('only affects the very next line', () => {
    const text = sc('  # vsphere-csi-lint-disable-next-line sc-unknown-parameter\n  storagepolicyname: x\n  team: payments');
    expect(ids(text)).toEqual(['7:unused-suppression', '9:sc-unknown-parameter']);
  });

  it('works in CRLF files', () => {
    const text = sc('  # vsphere-csi-lint-disable-next-line sc-unknown-parameter -- r\n  team: payments').replace(/\n/g, '\r\n');
    expect(ids(text)).toEqual([]);
  });
});

describe('disable / enable blocks', () => {
  it('suppresses between disable and enable, not after', () => {
    const text = sc(
      ['  # vsphere-csi-lint-disable sc-unknown-parameter -- legacy keys', '  team: a', '  owner: b', '  # vsphere-csi-lint-enable sc-unknown-parameter', '  cost: c'].join('\n'),
    );
    expect(ids(text)).toEqual(['11:sc-unknown-parameter']);
  });

  it('a disable without enable lasts to the end of the file, across documents', () => {
    const text = `# vsphere-csi-lint-disable sc-unknown-parameter -- generated file\n${sc('  team: a')}---\n${sc('  owner: b')}`;
    expect(ids(text)).toEqual([]);
  });

  it('a disable of one rule leaves the others reporting', () => {
    const text = `# vsphere-csi-lint-disable k8s-schema\n${sc('  team: a')}`;
    expect(ids(text)).toEqual(['1:unused-suppression', '8:sc-unknown-parameter']);
  });

  it('an enable without ids closes every block', () => {
    const text = sc(['  # vsphere-csi-lint-disable sc-unknown-parameter', '  team: a', '  # vsphere-csi-lint-enable', '  owner: b'].join('\n'));
    expect(ids(text)).toEqual(['10:sc-unknown-parameter']);
  });
});

describe('unused-suppression', () => {
  it('reports an unknown rule id precisely', () => {
    const text = sc('  # vsphere-csi-lint-disable-next-line sc-unknown-parmeter -- typo\n  team: payments');
    const findings = lint(text);
    const unused = ofRule(findings, 'unused-suppression');
    expect(unused).toHaveLength(1);
    expect(unused[0]!.message).toContain('Unknown rule "sc-unknown-parmeter"');
    expect(textOf(text, unused[0]!)).toBe('sc-unknown-parmeter');
    expect(linesOf(findings, 'sc-unknown-parameter')).toEqual([8]);
  });

  it('an unused suppression has a fix that removes the whole line, and the result re-parses', () => {
    const text = sc('  storagepolicyname: x\n  # vsphere-csi-lint-disable-next-line sc-unknown-parameter -- old\n  datastoreurl: "ds:///vmfs/volumes/abc/"');
    const unused = ofRule(lint(text), 'unused-suppression');
    expect(unused).toHaveLength(1);
    expect(unused[0]!.severity).toBe('warning');
    expect(unused[0]!.tags).toContain('unnecessary');
    const fixed = applyFix(text, unused[0]!);
    expect(fixed).toBe(sc('  storagepolicyname: x\n  datastoreurl: "ds:///vmfs/volumes/abc/"'));
    expect(parsesCleanly(fixed)).toBe(true);
    expect(lint(fixed)).toEqual([]);
  });

  it('removes only the unused id when another id of the same comment is used', () => {
    const text = sc('  # vsphere-csi-lint-disable-next-line k8s-schema, sc-unknown-parameter -- webhook\n  team: payments');
    const unused = ofRule(lint(text), 'unused-suppression');
    expect(unused.map((f) => textOf(text, f))).toEqual(['k8s-schema']);
    const fixed = applyFix(text, unused[0]!);
    expect(fixed).toBe(sc('  # vsphere-csi-lint-disable-next-line sc-unknown-parameter -- webhook\n  team: payments'));
    expect(lint(fixed)).toEqual([]);
  });

  it('removes a trailing unused id together with its comma', () => {
    const text = sc('  # vsphere-csi-lint-disable-next-line sc-unknown-parameter, k8s-schema\n  team: payments');
    const fixed = applyFix(text, ofRule(lint(text), 'unused-suppression')[0]!);
    expect(fixed).toBe(sc('  # vsphere-csi-lint-disable-next-line sc-unknown-parameter\n  team: payments'));
  });

  it('when no id of a comment is used, --fix removes the whole line in one pass', () => {
    const text = sc('  storagepolicyname: x\n  # vsphere-csi-lint-disable-next-line k8s-schema, sc-unknown-parameter, no-such-rule -- stale');
    const findings = lint(text);
    expect(ofRule(findings, 'unused-suppression')).toHaveLength(3);
    const result = service.applyFixes('file:///ws/input.yaml', text, findings);
    expect(result.safe).toBe(true);
    expect(result.text).toBe(sc('  storagepolicyname: x'));
    expect(lint(result.text)).toEqual([]);
  });

  it('an unused disable block is reported at its comment', () => {
    const text = `# vsphere-csi-lint-disable sc-unknown-parameter\n${sc('  storagepolicyname: x')}# vsphere-csi-lint-enable sc-unknown-parameter\n`;
    expect(ids(text)).toEqual(['1:unused-suppression']);
  });

  it('unused-suppression can be turned off like any rule', () => {
    const text = sc('  # vsphere-csi-lint-disable-next-line sc-unknown-parameter\n  storagepolicyname: x');
    expect(lint(text, { config: 'rules:\n  unused-suppression: off\n' })).toEqual([]);
  });
});

describe('keyed by rule id, never by message', () => {
  it('message text in a directive suppresses nothing; its words are unknown ids', () => {
    const text = sc('  # vsphere-csi-lint-disable-next-line "team" is not a vSphere CSI StorageClass parameter\n  team: payments');
    const findings = lint(text);
    expect(linesOf(findings, 'sc-unknown-parameter')).toEqual([8]);
    expect(ofRule(findings, 'unused-suppression').length).toBeGreaterThan(0);
    expect(ofRule(findings, 'unused-suppression').every((f) => f.message.startsWith('Unknown rule'))).toBe(true);
  });

  it('the reason after -- is free text and never read as ids', () => {
    const text = sc('  # vsphere-csi-lint-disable-next-line sc-unknown-parameter -- k8s-schema, yaml-syntax, whatever\n  team: payments');
    expect(ids(text)).toEqual([]);
  });

  it('a directive written as a trailing comment is not a directive', () => {
    const text = sc('  team: payments # vsphere-csi-lint-disable-next-line sc-unknown-parameter');
    expect(ids(text)).toEqual(['7:sc-unknown-parameter']);
  });
});
