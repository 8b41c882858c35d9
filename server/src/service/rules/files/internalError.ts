import type { RuleMeta } from '../rule.js';

export const internalError: RuleMeta = {
  id: 'internal-error',
  defaultSeverity: 'warning',
  category: 'Files',
  description: 'A rule failed on this file; the other rules still ran.',
  why: 'A failing rule must never hide the results of the others. Please report the file (or a reduced copy) so the rule can be fixed.',
  docs: 'The message names the rule that failed and its error. The other rules and files are unaffected.',
  citations: [],
  fixable: false,
};
