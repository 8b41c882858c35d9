import type { RuleMeta } from '../rule.js';

export const yamlSyntax: RuleMeta = {
  id: 'yaml-syntax',
  defaultSeverity: 'error',
  category: 'Files',
  description: 'The YAML does not parse (or is too large to analyse); the broken document is skipped, the others are still checked.',
  why: 'kubectl refuses a manifest that does not parse, and a duplicated key is rejected by the API server decoder, so nothing in the document reaches the cluster as written.',
  docs: [
    'Reported once per broken document, at the position the parser stopped. Other documents of the same file are still analysed.',
    '',
    'Common causes: a tab used for indentation, a flow sequence (`[a, b]`) left open, a duplicated key, or a `:` inside an unquoted value.',
  ].join('\n'),
  citations: [{ kind: 'kubernetes', repo: 'kubernetes-sigs/yaml', path: 'yaml.go', says: 'kubectl decodes manifests with a strict YAML decoder that rejects duplicate keys.' }],
  fixable: false,
};
