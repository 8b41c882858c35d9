import { driver } from '../../../knowledge/citations.js';
import { atLeast } from '../../../util/version.js';
import { ALL_VERSIONS, BOOLEAN_VALUES, citations } from '../knowledge.js';
import { knownEntries } from '../model.js';
import { CRASH, meta, replaceFix, report, type CsiConfRule } from '../report.js';

/** What gcfg's integer setter accepts for Go `int` fields (decimal, or hexadecimal with 0x). */
const INTEGER = /^[+-]?(?:\d+|0[xX][0-9a-fA-F]+)$/;
/** What strconv.Atoi accepts. */
const ATOI = /^[+-]?\d+$/;

export const csiConfValueType: CsiConfRule = {
  fragment: 'csi-conf',
  meta: meta({
    id: 'csi-conf-value-type',
    defaultSeverity: 'error',
    description: 'A csi-vsphere.conf value the driver cannot convert: a boolean other than true/yes/on/1/false/no/off/0, a number that is not a whole number, a non-numeric `port`, or a bare key that is not a boolean.',
    why: 'gcfg converts values into the driver’s Go types while reading the file and stops at the first failure; `port` is converted later, when the controller connects. Either way the vsphere-csi-controller pod crash-loops until the Secret is fixed.',
    docs: [
      '- Booleans (`insecure-flag`, `rootsquash`) accept `true`, `yes`, `on`, `1`, `false`, `no`, `off`, `0` in any letter case, quoted or not; a bare key (`rootsquash` alone) means true. `enabled`, `t` or `"true "` (with a space) stop the driver.',
      '- Numbers (`query-limit`, the `*-intervalinmin` keys, the snapshot limits) must be whole numbers.',
      '- `port` is text the driver converts with `strconv.Atoi`: `443` or `"443"`, never `https` or `443/tcp`; it must also be a TCP port (1–65535) to be reachable.',
      '- Other keys need `= value`: a bare `user` line is an error.',
      '',
      '```ini',
      '[VirtualCenter "vc.example.com"]',
      'insecure-flag = enabled   # wrong',
      'insecure-flag = false     # right',
      'port = "443 "             # wrong: Atoi does not trim',
      'port = 443                # right',
      '```',
    ],
    citations: [
      citations.gcfgSet,
      { kind: 'driver', repo: 'go-gcfg/gcfg', path: 'types/int.go (ParseInt)', versions: 'v1.2.3 (gopkg.in/gcfg.v1, used by every driver release)', says: 'int fields accept decimal, or hexadecimal with a 0x prefix.' },
      driver('pkg/common/cns-lib/vsphere/utils.go (GetVirtualCenterConfigs)', ALL_VERSIONS, 'port is converted with strconv.Atoi and the error is returned to the controller’s start-up.'),
      citations.readConfig,
    ],
    fixable: true,
  }),
  check(context) {
    const version = context.config.driver.version;
    for (const { info, entry, key } of knownEntries(context.fragment.parsed.doc)) {
      if (info.guestOnly) continue;
      if ((key.since && atLeast(version, key.since) === false) || (info.since && atLeast(version, info.since) === false)) continue; // the driver does not read it: unknown-key says so
      const value = entry.value;
      if (!value) {
        if (key.type !== 'bool') {
          report(context, [entry.nameStart, entry.nameEnd], `"${entry.name}" has no "= value"; gcfg accepts a bare name only for booleans, so ${CRASH}.`);
        }
        continue;
      }
      if (value.unterminated || value.escapeIssues.length > 0) continue; // reported as syntax / escape problems
      const text = value.text;
      if (key.type === 'bool' && !BOOLEAN_VALUES.includes(text.toLowerCase())) {
        const trimmed = text.trim().toLowerCase();
        const fixable = BOOLEAN_VALUES.includes(trimmed);
        report(context, [value.start, value.end], `${entry.name} = ${value.raw} is not a boolean gcfg reads (true, yes, on, 1, false, no, off, 0), so ${CRASH}.`, {
          ...(fixable ? { fix: replaceFix(`Write ${trimmed}`, value.start, value.end, trimmed) } : {}),
        });
      } else if (key.type === 'int' && !INTEGER.test(text.trim())) {
        report(context, [value.start, value.end], `${entry.name} = ${value.raw} is not a whole number, so ${CRASH}.`);
      } else if (key.format === 'port' && text !== '') {
        if (!ATOI.test(text)) {
          const trimmed = text.trim();
          const fixable = trimmed !== text && ATOI.test(trimmed);
          report(
            context,
            [value.start, value.end],
            `port = ${value.raw} is not a plain number: the controller converts it with strconv.Atoi when it connects to vCenter, fails to start and crash-loops.`,
            fixable ? { fix: replaceFix(`Write ${trimmed}`, value.start, value.end, trimmed) } : {},
          );
        } else if (Number(text) < 1 || Number(text) > 65535) {
          report(context, [value.start, value.end], `port = ${value.raw} is not a TCP port (1–65535): the driver cannot reach vCenter, and the controller keeps failing to start.`);
        }
      }
    }
  },
};
