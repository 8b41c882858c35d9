// Small helpers shared by the VM-settings parsers and rules: how VMX reads booleans and numbers,
// SCSI controller keys, and the edit that puts a new value in place of an old one.
import { formatString } from '../../yaml/edits.js';
import type { Fix, TextEdit } from '../../types.js';
import type { VmSetting } from './model.js';

const TRUE_WORDS = new Set(['true', 'yes', 'on', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'off', '0']);

/** A VMX boolean: TRUE/FALSE in any case (also yes/no, on/off, 1/0); undefined for anything else. */
export function vmxBoolean(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return undefined;
}

/** A whole decimal number (leading/trailing blanks allowed, sign allowed); undefined otherwise. */
export function wholeNumber(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^\s*([+-]?\d{1,15})\s*$/.exec(value);
  return match ? Number(match[1]) : undefined;
}

/** `scsi3.virtualDev` -> { controller: 3, rest: 'virtualdev' }; `scsi0:1.fileName` -> { controller: 0, unit: 1, rest: 'filename' }. */
export function scsiKey(key: string): { controller: number; unit?: number; rest: string } | undefined {
  const match = /^scsi(\d{1,4})(?::(\d{1,4}))?\.(.+)$/i.exec(key);
  if (!match) return undefined;
  return { controller: Number(match[1]), ...(match[2] !== undefined ? { unit: Number(match[2]) } : {}), rest: match[3]!.toLowerCase() };
}

/** `ethernet0.address` -> { adapter: 0, rest: 'address' }. */
export function ethernetKey(key: string): { adapter: number; rest: string } | undefined {
  const match = /^ethernet(\d{1,4})\.(.+)$/i.exec(key);
  return match ? { adapter: Number(match[1]), rest: match[2]!.toLowerCase() } : undefined;
}

/** The entries of a setting by lower-cased key, last one last. */
export function byKey(entries: readonly VmSetting[], lowerKey: string): VmSetting[] {
  return entries.filter((entry) => entry.key.toLowerCase() === lowerKey);
}

/** The edit writing `value` in place of an entry's value, in the entry's own notation; undefined when unsafe. */
export function valueEdit(entry: VmSetting, value: string): TextEdit | undefined {
  const [start, end] = entry.valueSpan;
  switch (entry.valueStyle) {
    case 'vmx':
      if (/["|\r\n]/.test(value)) return undefined;
      return { start, end, newText: `"${value}"` };
    case 'yaml-double':
      return { start, end, newText: formatString(value, 'QUOTE_DOUBLE') };
    case 'yaml-single':
      return { start, end, newText: formatString(value, 'QUOTE_SINGLE') };
    case 'yaml-plain':
      return { start, end, newText: formatString(value, 'QUOTE_DOUBLE') };
    case 'word':
      return /^[A-Za-z0-9_.:+-]+$/.test(value) ? { start, end, newText: value } : undefined;
    case 'none':
      return undefined;
  }
}

export function valueFix(entry: VmSetting, value: string, title: string): Fix | undefined {
  const edit = valueEdit(entry, value);
  return edit ? { title, edits: [edit] } : undefined;
}

/** How a value is shown in messages: as the user wrote it, quoted. */
export function shown(value: string | undefined): string {
  return value === undefined ? 'a value only known when the script runs' : JSON.stringify(value);
}

/** Where the entry came from, for messages ("in customVMXKeys of VSphereMachineTemplate "md-0""). */
export function whereSet(entry: VmSetting): string {
  switch (entry.source) {
    case 'vmx':
      return 'in this .vmx file';
    case 'capv':
      return 'in customVMXKeys';
    case 'govc':
      return entry.vmName ? `by govc vm.change on ${entry.vmName}` : 'by govc vm.change';
    case 'powercli':
      return entry.vmName ? `by PowerCLI on ${entry.vmName}` : 'by PowerCLI';
  }
}
