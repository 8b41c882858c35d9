import { citations } from '../knowledge.js';
import { CRASH, meta, replaceFix, report, type CsiConfRule } from '../report.js';

const VALID_ESCAPES = new Set(['\\', '"', 'n', 't']);

/**
 * The value rewritten so gcfg reads what was meant, or undefined when that is not clear.
 * Unquoted: wrap in quotes, doubling lone backslashes (or keeping `\\` pairs the writer already
 * doubled). One quoted string: double each backslash that starts an unknown escape.
 */
export function escapeFix(raw: string): string | undefined {
  if (raw.includes('\n')) return undefined;
  if (!raw.includes('"')) {
    if (!raw.includes('\\\\')) return `"${raw.replace(/\\/g, '\\\\')}"`;
    if (!raw.replace(/\\\\/g, '').includes('\\')) return `"${raw}"`;
    return undefined;
  }
  if (raw.length < 2 || !raw.startsWith('"') || !raw.endsWith('"')) return undefined;
  const inner = raw.slice(1, -1);
  let out = '';
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i]!;
    if (ch === '"') return undefined;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = inner[i + 1];
    if (next !== undefined && VALID_ESCAPES.has(next)) {
      out += ch + next;
      i++;
    } else {
      out += '\\\\';
    }
  }
  return `"${out}"`;
}

export const csiConfEscape: CsiConfRule = {
  fragment: 'csi-conf',
  meta: meta({
    id: 'csi-conf-escape',
    defaultSeverity: 'error',
    description: 'A backslash in a csi-vsphere.conf value that gcfg rejects, such as `DOMAIN\\user` unquoted or `"DOMAIN\\user"` with a single backslash.',
    why: 'Inside double quotes gcfg knows only the escapes `\\\\`, `\\"`, `\\n` and `\\t`; outside quotes a backslash may only end the line (continuation) or precede `"`. Anything else is a syntax error: the vsphere-csi-controller pod crash-loops until the Secret is fixed. Windows-style user names are the usual victim.',
    docs: [
      '```ini',
      '[VirtualCenter "vc.example.com"]',
      'user = CORP\\svc-k8s        # wrong: unquoted backslash',
      'user = "CORP\\svc-k8s"      # wrong: "\\s" is not an escape',
      'user = "CORP\\\\svc-k8s"     # right: the driver reads CORP\\svc-k8s',
      '```',
      '',
      'Passwords with a backslash need the same treatment. The fix quotes the value and doubles each backslash that gcfg would reject.',
    ],
    citations: [citations.gcfgScanner, { kind: 'driver', repo: 'go-gcfg/gcfg', path: 'read.go (unquote)', versions: 'v1.2.3 (gopkg.in/gcfg.v1, used by every driver release)', says: 'the four escapes and their meaning.' }, citations.readConfig],
    fixable: true,
  }),
  check(context) {
    for (const section of context.fragment.parsed.doc.sections) {
      for (const entry of section.entries) {
        const value = entry.value;
        const issue = value?.escapeIssues[0];
        if (!value || !issue) continue;
        const written = value.raw.slice(issue.start - value.start, issue.end - value.start);
        const fixed = escapeFix(value.raw);
        const problem =
          issue.kind === 'unquoted-backslash'
            ? `The value of "${entry.name}" has a backslash outside double quotes, where gcfg accepts one only at the end of a line or before "`
            : `The value of "${entry.name}" contains "${written}", which is not an escape gcfg knows (only \\\\, \\", \\n and \\t)`;
        report(context, [value.start, value.end], `${problem}, so ${CRASH}.${fixed ? ` Write ${fixed}.` : ' Quote the value and double each literal backslash.'}`, {
          ...(fixed ? { fix: replaceFix(`Write ${fixed}`, value.start, value.end, fixed) } : {}),
        });
      }
    }
  },
};
