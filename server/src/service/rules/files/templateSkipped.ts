import type { RuleMeta } from '../rule.js';

export const templateSkipped: RuleMeta = {
  id: 'template-skipped',
  defaultSeverity: 'info',
  category: 'Files',
  description: 'The file is a Go/Helm template (`{{ ... }}`) and is not YAML until rendered; it was skipped.',
  why: 'Template actions are not YAML. Linting the raw template would report parse errors that are not real; lint the rendered output instead.',
  docs: [
    'Render first and lint the result, for example:',
    '',
    '```sh',
    'helm template my-release ./chart | vsphere-csi-lint - --stdin-filename rendered.yaml',
    '```',
    '',
    'Exclude template folders with `ignore: ["charts/**/templates/**"]` in `.vsphere-csi.yaml` to silence this note.',
  ].join('\n'),
  citations: [],
  fixable: false,
};
