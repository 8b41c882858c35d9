import type { FragmentRule } from '../../types.js';
import { vmCitations } from '../knowledge.js';
import type { VmSettings } from '../model.js';

const READS_AS: Record<string, string> = {
  boolean: 'a boolean',
  number: 'a number',
  null: 'null (no value)',
  map: 'a mapping',
  seq: 'a list',
  other: 'a typed value (not a string)',
};

export const vmCapvValueNotString: FragmentRule<VmSettings> = {
  fragment: 'vm-settings',
  meta: {
    id: 'vm-capv-value-not-string',
    defaultSeverity: 'error',
    category: 'Node VMs',
    description: 'A Cluster API `customVMXKeys` value that YAML reads as a boolean, number or null instead of a string (`devices.hotplug: false`, `virtualHW.version: 19`).',
    why: 'customVMXKeys is a map of strings. The API server rejects a VSphereMachineTemplate or VSphereVM whose value is a YAML boolean or number ("must be of type string"), so the object is never stored and no machines are created from it.',
    docs: [
      'Kubernetes reads YAML 1.1: unquoted `false`, `TRUE`, `yes`, `off`, `19` and `1e3` are not strings. Quote every value of `customVMXKeys`; the fix quotes the value and keeps its text.',
      '',
      '```yaml',
      '# wrong',
      'customVMXKeys:',
      '  devices.hotplug: false',
      '  virtualHW.version: 19',
      '# right',
      'customVMXKeys:',
      '  devices.hotplug: "TRUE"',
      '  virtualHW.version: "19"',
      '```',
      '',
      'A nested mapping (`disk:` / `  EnableUUID: ...`) is reported too: VMX keys are dotted names written as one key (`disk.EnableUUID`). An empty value is reported without a fix.',
    ].join('\n'),
    citations: [vmCitations.capvType],
    fixable: true,
  },
  check(context) {
    const settings = context.fragment.parsed;
    if (settings.source !== 'capv') return;
    const kind = settings.object?.kind ?? 'object';
    for (const entry of settings.entries) {
      const type = entry.yamlType;
      if (type === undefined || type === 'string') continue;
      const raw = context.fragment.text.slice(entry.valueSpan[0], entry.valueSpan[1]);
      const quotable = (type === 'boolean' || type === 'number' || type === 'other') && entry.valueStyle === 'yaml-plain' && !/["\\\r\n]/.test(raw);
      const written = type === 'map' || type === 'seq' || type === 'null' ? '' : ` ${raw}`;
      context.report({
        span: entry.valueSpan,
        message: `customVMXKeys values must be strings, but YAML reads ${entry.key}'s value${written} as ${READS_AS[type]}: the API server rejects the ${kind}, so no machines are created from it.${quotable ? ` Quote it: "${raw}".` : type === 'map' ? ` Write the key as one dotted name (e.g. ${entry.key}.Name: "value").` : ''}`,
        ...(quotable ? { fix: { title: `Quote the value: "${raw}"`, edits: [{ start: entry.valueSpan[0], end: entry.valueSpan[1], newText: `"${raw}"` }] } } : {}),
      });
    }
  },
};
