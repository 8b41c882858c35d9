// csi-vsphere.conf embedded in the Secret the driver mounts (key `csi-vsphere.conf` under
// `stringData` or base64 `data`). A `|` block scalar maps back onto the YAML file character for
// character (each conf line is a YAML line minus its indentation), so findings land on the right
// line and column and single-line fixes apply. Quoted or folded strings and base64 data cannot be
// mapped: their findings go to the Secret's value and fixes are dropped.
import { isScalar, type Scalar } from 'yaml';
import { CSI_CONF_SECRET_KEY, type K8sObject } from '../../parse.js';
import { asScalar, getPair, nodeSpan } from '../../yaml/ast.js';

export interface EmbeddedText {
  text: string;
  toFileOffset(offset: number): number | undefined;
  anchor: [number, number];
  editable: boolean;
  /** Set when the value could not be read (bad base64, not UTF-8). */
  problem?: string;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Strict standard base64 (what the API server accepts for Secret data), whitespace ignored. */
export function decodeBase64(input: string): Uint8Array | undefined {
  const clean = input.replace(/\s+/g, '');
  if (clean.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return undefined;
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array((clean.length / 4) * 3 - padding);
  let out = 0;
  for (let i = 0; i < clean.length; i += 4) {
    const n = [0, 1, 2, 3].map((k) => (clean[i + k] === '=' ? 0 : BASE64.indexOf(clean[i + k]!)));
    const triple = (n[0]! << 18) | (n[1]! << 12) | (n[2]! << 6) | n[3]!;
    for (const shift of [16, 8, 0]) if (out < bytes.length) bytes[out++] = (triple >> shift) & 0xff;
  }
  return bytes;
}

/** The first line of a span (a finding on a multi-line value marks only where it starts). */
function firstLine(fileText: string, span: [number, number]): [number, number] {
  const newline = fileText.indexOf('\n', span[0]);
  return [span[0], newline !== -1 && newline < span[1] ? newline : span[1]];
}

/**
 * Maps a `|` block scalar's value onto the file: line i of the value is line i of the block minus
 * the block's indentation. Undefined when the source does not reproduce the parsed value exactly
 * (explicit indentation indicators, unusual layouts): the caller then anchors instead.
 */
export function blockLiteralMap(scalar: Scalar, fileText: string): Pick<EmbeddedText, 'toFileOffset'> | undefined {
  const range = scalar.range;
  if (!range || typeof scalar.value !== 'string') return undefined;
  const headerEnd = fileText.indexOf('\n', range[0]);
  if (headerEnd === -1 || headerEnd >= range[1]) return undefined;
  if (!/^\|[+-]?(?:\s+#.*)?\s*$/.test(fileText.slice(range[0], headerEnd).replace(/\r$/, ''))) return undefined;
  const contentStart = headerEnd + 1;
  const fileLines = fileText.slice(contentStart, range[1]).split('\n').map((line) => line.replace(/\r$/, ''));
  const firstContent = fileLines.find((line) => line.trim() !== '');
  if (firstContent === undefined) return undefined;
  const indent = /^ */.exec(firstContent)![0].length;
  const valueLines = scalar.value.split('\n');
  const starts: number[] = [];
  let offset = contentStart;
  for (const line of fileText.slice(contentStart, range[1]).split('\n')) {
    starts.push(offset);
    offset += line.length + 1;
  }
  for (let i = 0; i < valueLines.length; i++) {
    const line = fileLines[i];
    const expected = valueLines[i]!;
    if (line === undefined) {
      if (i === valueLines.length - 1 && expected === '') break; // the final newline kept by `|`
      return undefined;
    }
    const content = line.length >= indent ? line.slice(indent) : line.trim() === '' ? '' : undefined;
    if (content !== expected) return undefined;
  }
  const valueStarts: number[] = [];
  let at = 0;
  for (const line of valueLines) {
    valueStarts.push(at);
    at += line.length + 1;
  }
  const total = at - 1;
  const columnBase = (i: number) => starts[i]! + Math.min(indent, fileLines[i]!.length);
  return {
    toFileOffset(position: number) {
      if (position < 0 || position > total) return undefined;
      let low = 0;
      let high = valueStarts.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (valueStarts[mid]! <= position) low = mid;
        else high = mid - 1;
      }
      const column = position - valueStarts[low]!;
      if (fileLines[low] === undefined) {
        // After the value's final newline: the end of the last line of the block.
        const last = low - 1;
        return last >= 0 && column === 0 ? columnBase(last) + valueLines[last]!.length : undefined;
      }
      return columnBase(low) + Math.min(column, valueLines[low]!.length);
    },
  };
}

/** The csi-vsphere.conf text a Secret carries, with how its offsets map onto the file. */
export function embeddedConf(object: K8sObject, fileText: string): EmbeddedText | undefined {
  const { node, doc } = object;
  const fromStringData = getPair(node, ['stringData', CSI_CONF_SECRET_KEY], doc);
  // stringData wins over data for the same key when the API server stores the Secret.
  const pair = fromStringData ?? getPair(node, ['data', CSI_CONF_SECRET_KEY], doc);
  if (!pair) return undefined;
  const scalar = asScalar(pair.value, doc);
  if (!scalar || !isScalar(scalar) || typeof scalar.value !== 'string') return undefined;
  const valueSpan = nodeSpan(scalar) ?? nodeSpan(pair.key) ?? [0, 0];
  const keySpan = nodeSpan(pair.key) ?? valueSpan;
  const unmapped = () => undefined;
  if (fromStringData) {
    if (scalar.type === 'BLOCK_LITERAL') {
      const map = blockLiteralMap(scalar, fileText);
      if (map) return { text: scalar.value, toFileOffset: map.toFileOffset, anchor: firstLine(fileText, keySpan), editable: true };
      return { text: scalar.value, toFileOffset: unmapped, anchor: firstLine(fileText, keySpan), editable: false };
    }
    return { text: scalar.value, toFileOffset: unmapped, anchor: firstLine(fileText, valueSpan), editable: false };
  }
  const anchor = firstLine(fileText, valueSpan);
  const bytes = decodeBase64(scalar.value);
  if (!bytes) return { text: '', toFileOffset: unmapped, anchor, editable: false, problem: `data.${CSI_CONF_SECRET_KEY} is not valid base64, so the API server rejects the Secret.` };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text, toFileOffset: unmapped, anchor, editable: false };
  } catch {
    return { text: '', toFileOffset: unmapped, anchor, editable: false, problem: `data.${CSI_CONF_SECRET_KEY} does not decode to UTF-8 text.` };
  }
}
