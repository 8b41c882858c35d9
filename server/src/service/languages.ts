// Which language a file is, from its name and (for *.conf and extension-less scripts) its first
// lines. Kubernetes objects inside YAML are still recognised by content, never by name.
import type { FileLanguage } from './types.js';

/** Section names of csi-vsphere.conf (gcfg; case-insensitive). */
const CSI_CONF_SECTION = /^\s*\[\s*(global|virtualcenter|labels|netpermissions|snapshot|topologycategory)\b/im;

function baseName(uriOrPath: string): string {
  const clean = uriOrPath.replace(/[?#].*$/, '');
  return decodeURIComponent(clean.slice(clean.lastIndexOf('/') + 1));
}

/**
 * The language of a file, or undefined when it is none we analyse. `text` lets `*.conf` files
 * count only when their sections are the driver's, and lets scripts without an extension be
 * recognised by their `#!` line.
 */
export function languageForPath(uriOrPath: string, text?: string): FileLanguage | undefined {
  const name = baseName(uriOrPath);
  const lower = name.toLowerCase();
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  if (lower === 'csi-vsphere.conf') return 'csi-conf';
  if (lower.endsWith('.conf')) return text !== undefined && CSI_CONF_SECTION.test(text) ? 'csi-conf' : undefined;
  if (lower.endsWith('.vmx')) return 'vmx';
  if (lower.endsWith('.sh') || lower.endsWith('.bash')) return 'shell';
  if (lower.endsWith('.ps1') || lower.endsWith('.psm1')) return 'powershell';
  if (lower === 'ks.cfg' || lower.endsWith('.ks') || lower === 'boot.cfg' || lower.endsWith('-ks.cfg')) return 'kickstart';
  if (!lower.includes('.') && text !== undefined && /^#!.*\b(ba|z|da)?sh\b/.test(text)) return 'shell';
  return undefined;
}

/** File names (globs) the CLI picks up when walking folders. */
export const WALKED_FILE_GLOBS = ['*.yaml', '*.yml', '*.conf', '*.vmx', '*.sh', '*.bash', '*.ps1', '*.psm1', 'ks.cfg', '*.ks', '*-ks.cfg', 'boot.cfg'];
