// Cluster API vSphere objects: VSphereMachineTemplate (spec.template.spec.customVMXKeys) and
// VSphereVM (spec.customVMXKeys). customVMXKeys is a map of strings that CAPV copies into the
// VM's extraConfig when it clones the VM; the fragment is the file itself (identity offsets), so
// every span is a YAML node span.
import { isMap, isPair, isScalar, isSeq, type Node, type Pair, type Scalar } from 'yaml';
import type { K8sObject } from '../../parse.js';
import { deref, getPair, keyText, nodeSpan } from '../../yaml/ast.js';
import type { FragmentProblem } from '../types.js';
import type { ValueStyle, VmSetting, VmSettings, YamlValueType } from './model.js';

export function customVmxKeysPath(kind: string): string[] {
  return kind === 'VSphereMachineTemplate' ? ['spec', 'template', 'spec', 'customVMXKeys'] : ['spec', 'customVMXKeys'];
}

function yamlType(node: Node | undefined): YamlValueType {
  if (node === undefined) return 'null';
  if (isMap(node)) return 'map';
  if (isSeq(node)) return 'seq';
  if (!isScalar(node)) return 'other';
  const value = node.value;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number' || typeof value === 'bigint') return 'number';
  return 'other'; // dates (!!timestamp) and other tagged values
}

function styleOf(node: Node | undefined, written: Node | undefined): ValueStyle {
  if (!isScalar(node) || node !== written) return 'none'; // aliases keep their anchor's text
  switch ((node as Scalar).type) {
    case 'QUOTE_DOUBLE':
      return 'yaml-double';
    case 'QUOTE_SINGLE':
      return 'yaml-single';
    case 'PLAIN':
      return 'yaml-plain';
    default:
      return 'none';
  }
}

export function parseCapv(object: K8sObject, text: string): { settings: VmSettings; problems: FragmentProblem[] } | undefined {
  const { doc } = object;
  const holder = getPair(object.node, customVmxKeysPath(object.kind), doc);
  if (!holder) return undefined;
  const anchor = nodeSpan(holder.key as Node) ?? nodeSpan(object.node) ?? [0, 0];
  const settings: VmSettings = { source: 'capv', entries: [], complete: false, object: { kind: object.kind, name: object.name }, anchor };
  const problems: FragmentProblem[] = [];
  const map = deref(holder.value, doc);
  if (map === undefined || (isScalar(map) && map.value === null)) return { settings, problems };
  if (!isMap(map)) {
    const span = nodeSpan(map) ?? anchor;
    problems.push({ message: 'customVMXKeys must be a mapping of VMX keys to string values (`disk.EnableUUID: "TRUE"`); the API server rejects the object as written.', start: span[0], end: span[1] });
    return { settings, problems };
  }
  for (const item of map.items) {
    if (!isPair(item)) continue;
    const pair = item as Pair<Node, Node>;
    const key = keyText(pair);
    const keySpan = nodeSpan(pair.key);
    if (key === undefined || !keySpan || key === '<<') continue;
    const written = (pair.value ?? undefined) as Node | undefined;
    const node = deref(written, doc);
    const type = yamlType(node);
    const span = nodeSpan(written);
    const valueSpan: [number, number] = span && span[1] > span[0] ? [span[0], trimBreaks(text, span[0], span[1])] : keySpan;
    let value: string | undefined;
    if (isScalar(node)) {
      if (typeof node.value === 'string') value = node.value;
      else if (node.value !== null && node.value !== undefined) value = node === written && span ? text.slice(valueSpan[0], valueSpan[1]) : String(node.value);
    }
    settings.entries.push({
      key,
      value,
      keySpan,
      valueSpan,
      source: 'capv',
      valueIsString: type === 'string',
      yamlType: type,
      valueStyle: span && span[1] > span[0] ? styleOf(node, written) : 'none',
      ...(object.name ? { vmName: object.name } : {}),
    });
  }
  return { settings, problems };
}

/** Block scalars' ranges end after their line breaks; findings stop at the last character. */
function trimBreaks(text: string, start: number, end: number): number {
  let i = end;
  while (i > start && (text[i - 1] === '\n' || text[i - 1] === '\r')) i--;
  return i;
}
