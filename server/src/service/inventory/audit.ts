// `inventory audit`: node VMs as vCenter describes them, checked by the same rules as .vmx files.
// Each VM is rendered as the whole .vmx it amounts to (virtualHW.version, its advanced settings,
// its controllers and disks) under a URI naming the VM, and linted through the language service:
// same rules, same severities, same config overrides. Findings name the VM in their message too,
// and carry no fixes (there is no file to apply them to). Pure: facts in, findings out.
import type { NodeVmFacts, ScsiControllerFacts } from '../../vcenter/types.js';
import type { ResolvedConfig } from '../config.js';
import { defaultConfig } from '../config.js';
import type { createLanguageService } from '../index.js';
import type { Finding, SeveritySetting } from '../types.js';

type LanguageService = ReturnType<typeof createLanguageService>;

export interface AuditOptions {
  /** vCenter host the VMs come from (part of each VM's URI). */
  server: string;
  /** The `.vsphere-csi.yaml` that applies (rule severities, nodes.maxVolumesPerNode, ...). */
  config?: ResolvedConfig;
  /** Severities that win over the config (`--rule`). */
  ruleOverrides?: Record<string, SeveritySetting>;
}

export interface AuditedVm {
  vm: NodeVmFacts;
  /** `vcenter://<server>/<inventory path>` (or `/vm/<name>` without a path). */
  uri: string;
  /** The rendered .vmx the findings' positions refer to. */
  text: string;
  findings: Finding[];
}

/** The .vmx name of a SCSI controller type as vCenter's facts give it. */
const SCSI_VIRTUAL_DEV: Record<string, string> = {
  pvscsi: 'pvscsi',
  lsilogic: 'lsilogic',
  'lsilogic-sas': 'lsisas1068',
  buslogic: 'buslogic',
};

/** Controllers that are not SCSI, written as the .vmx writes them (`nvme0`, `sata0`, `ide0`). */
const OTHER_CONTROLLERS = new Set(['nvme', 'sata', 'ide']);

/** What a .vmx key may be made of (as the .vmx parser reads keys). */
const KEY_CHARS = /^[A-Za-z0-9_.:\-\[\]\/]+$/;

/** Keys the rendering writes from the hardware facts; the same keys in extraConfig are left out. */
const HARDWARE_KEY = /^(virtualhw\.version$|(scsi|nvme|sata|ide)\d+[.:])/i;

/** A value as a .vmx writes it: `"` and `|` and control characters as `|XX`. */
function vmxValue(value: string): string {
  return `"${value.replace(/[|"\u0000-\u001f\u007f]/g, (c) => `|${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)}"`;
}

/** `vmx-19` → `19`; undefined when it is not of that shape. */
export function hardwareVersionNumber(version: string | undefined): string | undefined {
  const match = version === undefined ? null : /^\s*(?:vmx-)?(\d+)\s*$/i.exec(version);
  return match ? String(Number(match[1])) : undefined;
}

/** SCSI units a controller's disks take: 0, 1, ... skipping 7, the controller's own. */
function scsiUnits(count: number): number[] {
  const units: number[] = [];
  for (let unit = 0; units.length < count; unit++) if (unit !== 7) units.push(unit);
  return units;
}

function controllerLines(controller: ScsiControllerFacts): string[] {
  const type = controller.type.trim().toLowerCase();
  const bus = controller.busNumber;
  if (OTHER_CONTROLLERS.has(type)) {
    const lines = [`${type}${bus}.present = "TRUE"`];
    for (let unit = 0; unit < controller.diskCount; unit++) lines.push(`${type}${bus}:${unit}.present = "TRUE"`);
    return lines;
  }
  const lines = [`scsi${bus}.present = "TRUE"`, `scsi${bus}.virtualDev = ${vmxValue(SCSI_VIRTUAL_DEV[type] ?? type)}`];
  for (const unit of scsiUnits(controller.diskCount)) {
    lines.push(`scsi${bus}:${unit}.present = "TRUE"`, `scsi${bus}:${unit}.deviceType = "scsi-hardDisk"`);
  }
  return lines;
}

/** The whole .vmx a VM's facts amount to, for the .vmx rules. */
export function renderVmx(vm: NodeVmFacts): string {
  const lines = [`# ${vm.path ?? vm.name}, as read from vCenter`, `displayName = ${vmxValue(vm.name)}`];
  const version = hardwareVersionNumber(vm.hardwareVersion);
  if (version !== undefined) lines.push(`virtualHW.version = "${version}"`);
  else if (vm.hardwareVersion !== undefined) lines.push(`virtualHW.version = ${vmxValue(vm.hardwareVersion)}`);
  const controllers = [...vm.controllers].sort((a, b) => a.type.localeCompare(b.type) || a.busNumber - b.busNumber);
  for (const controller of controllers) lines.push(...controllerLines(controller));
  const seen = new Set<string>();
  for (const key of Object.keys(vm.extraConfig).sort()) {
    const lower = key.toLowerCase();
    if (!KEY_CHARS.test(key) || HARDWARE_KEY.test(key) || lower === 'displayname' || seen.has(lower)) continue;
    seen.add(lower);
    lines.push(`${key} = ${vmxValue(vm.extraConfig[key]!)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `vcenter://vc.example.com/DC0/vm/k8s/k8s-node-1` (each path segment URI-encoded). */
export function vmUri(server: string, vm: Pick<NodeVmFacts, 'name' | 'path'>): string {
  const host = server.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '');
  const segments = vm.path && vm.path.replace(/^\/+/, '') !== '' ? vm.path.replace(/^\/+/, '').split('/') : ['vm', vm.name];
  return `vcenter://${host}/${segments.map(encodeURIComponent).join('/')}`;
}

/**
 * Rule messages speak of "this .vmx file" and "this VM"; for a VM read from vCenter they say
 * which VM instead. The phrases are kept in one place so a test can check the rules still use them.
 */
export const MESSAGE_REWRITES: ReadonlyArray<[RegExp, string]> = [
  [/\bin this \.vmx file\b/g, 'in its vCenter configuration'],
  [/^This VM\b/, 'It'],
];

export function auditMessage(message: string, vm: Pick<NodeVmFacts, 'name'>): string {
  let text = message;
  for (const [pattern, replacement] of MESSAGE_REWRITES) text = text.replace(pattern, replacement);
  return `VM ${vm.name}: ${text}`;
}

/** Lints each VM's rendered .vmx; results in the order of `vms`. */
export function auditNodeVms(service: LanguageService, vms: readonly NodeVmFacts[], options: AuditOptions): AuditedVm[] {
  const config = options.config ?? defaultConfig();
  const used = new Set<string>();
  const rendered = vms.map((vm) => {
    // Two VMs cannot share an inventory path, but facts without paths can share a name.
    const base = vmUri(options.server, vm);
    let uri = base;
    for (let n = 2; used.has(uri); n++) uri = `${base}%20(${n})`;
    used.add(uri);
    return { vm, uri, text: renderVmx(vm) };
  });
  const results = service.lintFiles(
    rendered.map((r) => ({ uri: r.uri, text: r.text, language: 'vmx' as const })),
    { configFor: () => config, ...(options.ruleOverrides ? { ruleOverrides: options.ruleOverrides } : {}) },
  );
  return rendered.map((r) => ({
    ...r,
    findings: (results.get(r.uri) ?? []).map((finding) => {
      const { fix: _fix, suggestions: _suggestions, ...rest } = finding;
      return { ...rest, message: auditMessage(finding.message, r.vm) };
    }),
  }));
}
