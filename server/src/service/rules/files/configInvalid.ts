import type { RuleMeta } from '../rule.js';

/** Problems in `.vsphere-csi.yaml`; front ends report them on the config file (the CLI exits 2). */
export const configInvalid: RuleMeta = {
  id: 'config-invalid',
  defaultSeverity: 'error',
  category: 'Files',
  description: 'The `.vsphere-csi.yaml` configuration file does not parse or does not match its schema.',
  why: 'An invalid setting is ignored and its default used instead, so the lint run may check against the wrong driver version, flavor or inventory without saying so. The run exits with code 2.',
  docs: [
    'The message points at the offending key or value. The valid parts of the file still apply; the invalid ones fall back to their defaults.',
    '',
    '```yaml',
    'driver:',
    '  version: "3.7.3"',
    '  flavor: vanilla        # vanilla | supervisor | guest',
    'rules:',
    '  sc-unknown-parameter: warning   # off | info | warning | error',
    '```',
  ].join('\n'),
  citations: [],
  fixable: false,
};
