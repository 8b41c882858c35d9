// Command-line parsing (node:util parseArgs) and the --help text.
import { parseArgs } from 'node:util';
import type { SeveritySetting } from '../service/index.js';
import { FORMAT_NAMES } from './formatters/index.js';

export interface CliOptions {
  paths: string[];
  format: string;
  output: string | undefined;
  config: string | undefined;
  rules: Record<string, SeveritySetting>;
  maxWarnings: number | undefined;
  quiet: boolean;
  fix: boolean;
  listRules: boolean;
  explain: string | undefined;
  version: boolean;
  help: boolean;
  /** undefined: decide from NO_COLOR / FORCE_COLOR / TTY. */
  color: boolean | undefined;
  stdinFilename: string | undefined;
}

export class UsageError extends Error {}

export const HELP = `Usage: vsphere-csi-lint [options] [paths or globs...]

Lints Kubernetes YAML for vSphere CSI driver storage mistakes (StorageClass, PVC,
StatefulSet, VolumeSnapshotClass, ...). Paths default to "." (the current folder).

  Folders are searched for *.yaml and *.yml files, csi-vsphere.conf (and any *.conf
  with the driver's sections), *.vmx, shell and PowerShell scripts (*.sh, *.bash,
  *.ps1, *.psm1) and kickstart/boot files (ks.cfg, *.ks, boot.cfg); node_modules and
  .git are skipped, as are the "ignore" globs of .vsphere-csi.yaml. Files named
  explicitly are linted whatever their extension (as YAML when not recognised), even
  when ignored. Quote globs so the linter expands them
  ('deploy/**/*.yaml'). "-" reads one file from standard input.

Commands (reading vCenter, read-only; see "vsphere-csi-lint inventory --help"):
  inventory pull           Update the inventory part of .vsphere-csi.yaml from vCenter
  inventory audit          Check the node VMs' settings in vCenter with the .vmx rules

Options:
  -f, --format NAME        Output format: stylish (default), json, sarif, github
  -o, --output FILE        Write the report to FILE (atomically) instead of stdout
  -c, --config FILE        Use this config for every file instead of looking for the
                           nearest .vsphere-csi.yaml / .vsphere-csi.yml upward
      --rule ID=SEVERITY   Override a rule's severity: off, info, warning or error
                           (repeatable; wins over the config file)
      --max-warnings N     Exit with code 1 when there are more than N warnings
  -q, --quiet              Report errors only (warnings still count for --max-warnings)
      --fix                Apply safe fixes to the files in place (comments and
                           formatting kept; files with YAML syntax errors untouched),
                           then report what is left
      --stdin-filename P   Path to use for "-" in output and for config discovery
      --list-rules         List all rules (id, default severity, fixable, category,
                           description); with --format json, as JSON
      --explain RULE       Show a rule's documentation
      --color, --no-color  Force coloured output on or off (default: on for a terminal)
  -v, --version            Print the version
  -h, --help               Print this help

Exit codes:
  0  no errors, and no more warnings than --max-warnings
  1  errors found, or more warnings than --max-warnings
  2  usage error, invalid configuration, or a file or folder that could not be read
     (the other files are still linted and reported)

Environment:
  NO_COLOR                 Disable colours (any non-empty value)
  FORCE_COLOR              Force colours on (0 or false: off)
  VSPHERE_CSI_LINT_WORKERS For testing: 0 lints in the main thread alone, N adds N
                           worker threads (default: workers only for large runs)
  VSPHERE_CSI_LINT_DEBUG   Print the thread mode, and stacks of internal errors

Configuration: .vsphere-csi.yaml (driver version and flavor, vSphere version,
inventory, rule severities, ignore globs relative to the file's folder).
Suppress one finding: # vsphere-csi-lint-disable-next-line <rule-id> -- reason
`;


/** Options of every command that writes a findings report (lint and `inventory audit`). */
export const REPORT_OPTIONS = {
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  config: { type: 'string', short: 'c' },
  rule: { type: 'string', multiple: true },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
} as const;

export function parseCliArgs(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      tokens: true,
      options: {
        ...REPORT_OPTIONS,
        fix: { type: 'boolean' },
        'list-rules': { type: 'boolean' },
        explain: { type: 'string' },
        version: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
        'stdin-filename': { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/, '.'));
  }
  const { values, positionals, tokens } = parsed;

  const format = values.format ?? 'stylish';
  if (!FORMAT_NAMES.includes(format)) throw new UsageError(`unknown format "${format}"; use one of ${FORMAT_NAMES.join(', ')}.`);

  const { rules, maxWarnings, color } = parseReportFlags(values, tokens, 'sc-unknown-parameter=warning');

  const stdinCount = positionals.filter((p) => p === '-').length;
  if (stdinCount > 1) throw new UsageError('"-" (standard input) can be given only once.');
  if (values['stdin-filename'] !== undefined && stdinCount === 0) throw new UsageError('--stdin-filename needs "-" among the paths.');
  if (values['stdin-filename'] === '') throw new UsageError('--stdin-filename needs a file name.');
  if (values.output === '') throw new UsageError('--output needs a file name.');
  if (values.config === '') throw new UsageError('--config needs a file name.');

  return {
    paths: positionals,
    format,
    output: values.output,
    config: values.config,
    rules,
    maxWarnings,
    quiet: values.quiet ?? false,
    fix: values.fix ?? false,
    listRules: values['list-rules'] ?? false,
    explain: values.explain,
    version: values.version ?? false,
    help: values.help ?? false,
    color,
    stdinFilename: values['stdin-filename'],
  };
}

const SEVERITIES = ['off', 'info', 'warning', 'error'];

export interface ReportFlags {
  rules: Record<string, SeveritySetting>;
  maxWarnings: number | undefined;
  /** undefined: decide from NO_COLOR / FORCE_COLOR / TTY. */
  color: boolean | undefined;
}

interface ParsedFlagValues {
  rule?: string[];
  'max-warnings'?: string;
}

/** Reads --rule ID=SEVERITY (repeatable), --max-warnings N and --color/--no-color (the later wins). */
export function parseReportFlags(values: ParsedFlagValues, tokens: readonly { kind: string; name?: string }[] | undefined, exampleRule: string): ReportFlags {
  const rules: Record<string, SeveritySetting> = {};
  for (const spec of values.rule ?? []) {
    const match = /^\s*([^=\s]+)\s*=\s*(\S+)\s*$/.exec(spec);
    if (!match) throw new UsageError(`--rule expects ID=SEVERITY (e.g. ${exampleRule}), got "${spec}".`);
    const severity = match[2]!.toLowerCase();
    if (!SEVERITIES.includes(severity)) throw new UsageError(`--rule ${match[1]}: unknown severity "${match[2]}"; use off, info, warning or error.`);
    rules[match[1]!] = severity as SeveritySetting;
  }
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    const text = values['max-warnings'].trim();
    if (!/^\d+$/.test(text)) throw new UsageError(`--max-warnings expects a whole number ≥ 0, got "${values['max-warnings']}".`);
    maxWarnings = Number(text);
  }
  let color: boolean | undefined;
  for (const token of tokens ?? []) {
    if (token.kind === 'option' && token.name === 'color') color = true;
    if (token.kind === 'option' && token.name === 'no-color') color = false;
  }
  return { rules, maxWarnings, color };
}
