// Helpers for the SCSI controller rules: which controllers a fragment declares, and which of them
// are marked absent (`scsiN.present = "FALSE"`).
import type { VmSetting } from '../model.js';
import { scsiKey, vmxBoolean } from '../values.js';

export interface Controller {
  number: number;
  /** Every entry about the controller or its disks, in text order. */
  entries: VmSetting[];
  /** Set when the fragment says the controller is absent. */
  absent: boolean;
  virtualDev?: VmSetting;
}

export function controllers(entries: readonly VmSetting[]): Map<number, Controller> {
  const result = new Map<number, Controller>();
  for (const entry of entries) {
    const parsed = scsiKey(entry.key);
    if (!parsed) continue;
    let controller = result.get(parsed.controller);
    if (!controller) {
      controller = { number: parsed.controller, entries: [], absent: false };
      result.set(parsed.controller, controller);
    }
    controller.entries.push(entry);
    if (parsed.unit === undefined && parsed.rest === 'present') controller.absent = vmxBoolean(entry.value) === false;
    if (parsed.unit === undefined && parsed.rest === 'virtualdev') controller.virtualDev = entry;
  }
  return result;
}

export const CONTROLLER_NAMES: Record<string, string> = {
  pvscsi: 'VMware Paravirtual',
  lsilogic: 'LSI Logic Parallel',
  lsisas1068: 'LSI Logic SAS',
  buslogic: 'BusLogic Parallel',
};
