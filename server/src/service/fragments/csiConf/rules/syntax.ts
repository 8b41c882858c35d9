import type { RuleMeta } from '../../../rules/rule.js';
import { citations } from '../knowledge.js';
import { meta } from '../report.js';

/** Syntax problems the parser finds (reported by the analyzer under this id). */
export const csiConfSyntax: RuleMeta = meta({
  id: 'csi-conf-syntax',
  defaultSeverity: 'error',
  description: 'csi-vsphere.conf text that gcfg, the driver’s INI reader, cannot read (a missing `]`, an open quote, `name: value`, a stray character).',
  why: 'The driver reads the file with gcfg and gives up at the first syntax error: the vsphere-csi-controller pod crash-loops and no volume is created, attached or deleted until the Secret is fixed.',
  docs: [
    'gcfg is stricter than most INI readers:',
    '',
    '- a section header is `[Name]` or `[Name "subsection"]`, closed on the same line, with nothing but a comment after it;',
    '- every other line is `name = value`, a bare `name` (a boolean meaning true), a comment (`#` or `;`) or blank;',
    '- a double quote opened in a value must close on the same line;',
    '- keys need a section header above them.',
    '',
    '```ini',
    '[VirtualCenter "vc.example.com"',
    'user: "administrator@vsphere.local"   # wrong: gcfg needs "=", and the header lacks "]"',
    '',
    '[VirtualCenter "vc.example.com"]',
    'user = "administrator@vsphere.local"  # right',
    '```',
    '',
    'Names with `_`, backslashes in values and unreadable booleans or numbers are just as fatal; they have rules of their own (`csi-conf-invalid-name`, `csi-conf-escape`, `csi-conf-value-type`) that can fix them.',
  ],
  citations: [
    citations.readConfig,
    citations.gcfgScanner,
    { kind: 'driver', repo: 'go-gcfg/gcfg', path: 'read.go (readIntoPass)', versions: 'v1.2.3 (gopkg.in/gcfg.v1, used by every driver release)', says: 'the grammar: section headers, "name = value" lines and what may follow each.' },
  ],
  fixable: false,
});
