import type { RuleMeta } from '../rule.js';

export const unusedSuppression: RuleMeta = {
  id: 'unused-suppression',
  defaultSeverity: 'warning',
  category: 'Files',
  description: 'A `vsphere-csi-lint-disable` comment suppresses nothing, or names a rule that does not exist.',
  why: 'A stale suppression hides the next real problem on that line without anyone noticing; a misspelt rule id never worked at all.',
  docs: [
    'Suppressions are keyed by rule id:',
    '',
    '```yaml',
    'parameters:',
    '  # vsphere-csi-lint-disable-next-line sc-unknown-parameter -- consumed by our admission webhook',
    '  team: payments',
    '```',
    '',
    'Remove the comment once the finding it covered is gone.',
  ].join('\n'),
  citations: [],
  fixable: true,
};
