// Completion in .vmx files: known keys at the start of a line, and known values (TRUE/FALSE for
// switches, controller and adapter types, ...) inside the quotes after `=`.
import type { Fragment, FragmentCompletion } from '../types.js';
import { KEY_DOCS, keyDoc } from './knowledge.js';
import { renderKeyDoc } from './hover.js';
import type { VmSettings } from './model.js';

export function completeVmSettings(fragment: Fragment<VmSettings>, offset: number): FragmentCompletion[] {
  if (fragment.parsed.source !== 'vmx') return [];
  const text = fragment.text;
  if (offset < 0 || offset > text.length) return [];
  const lineStart = offset === 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd === -1) lineEnd = text.length;
  if (lineEnd > offset && text[lineEnd - 1] === '\r') lineEnd--;
  const before = text.slice(lineStart, offset);
  if (/^\s*#/.test(before)) return [];
  const equals = before.indexOf('=');

  if (equals === -1) {
    // A key: replace the word under the cursor (letters, digits and . : _ -).
    const typedStart = lineStart + (/^\s*/.exec(before)?.[0].length ?? 0);
    let keyEnd = offset;
    while (keyEnd < lineEnd && /[A-Za-z0-9_.:\-]/.test(text[keyEnd]!)) keyEnd++;
    const hasValue = text.slice(keyEnd, lineEnd).includes('=');
    const present = new Set(fragment.parsed.entries.map((e) => e.key.toLowerCase()));
    const items: FragmentCompletion[] = [];
    for (const doc of KEY_DOCS) {
      for (const key of doc.complete) {
        if (present.has(key.toLowerCase())) continue;
        const value = doc.values[0] ?? '';
        items.push({
          label: key,
          kind: 'key',
          insertText: hasValue ? key : `${key} = "${value}"`,
          documentation: renderKeyDoc(doc, key),
          detail: doc.kind === 'boolean' ? 'TRUE or FALSE' : doc.kind === 'number' ? 'a whole number' : 'text',
          replace: [typedStart, keyEnd],
        });
      }
    }
    return items;
  }

  // A value: inside the quotes after `=`.
  const key = before.slice(0, equals).trim();
  const doc = keyDoc(key);
  if (!doc || doc.values.length === 0) return [];
  const afterEquals = lineStart + equals + 1;
  const rest = text.slice(afterEquals, lineEnd);
  const open = rest.indexOf('"');
  let replace: [number, number];
  let quoted: boolean;
  if (open !== -1 && afterEquals + open < offset) {
    const close = rest.indexOf('"', open + 1);
    const end = close === -1 ? lineEnd : afterEquals + close;
    if (offset > end) return [];
    replace = [afterEquals + open + 1, end];
    quoted = true;
  } else {
    const start = afterEquals + (/^\s*/.exec(rest)?.[0].length ?? 0);
    replace = [Math.min(start, offset), lineEnd];
    quoted = false;
  }
  return doc.values.map((value) => ({
    label: value,
    kind: 'value' as const,
    insertText: quoted ? value : `"${value}"`,
    detail: doc.title,
    replace,
  }));
}
