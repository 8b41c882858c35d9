// Builders for node VM settings in each of the four places they are written, and a one-file lint.
import { lintFiles } from '../../helpers/lint.js';
import type { Finding } from '../../../server/src/service/index.js';

export type Source = 'vmx' | 'capv' | 'govc' | 'powercli';

export const FILE_NAMES: Record<Source, string> = { vmx: 'node.vmx', capv: 'cluster.yaml', govc: 'prepare-nodes.sh', powercli: 'Prepare-Nodes.ps1' };

/** A .vmx file with the given lines (a snippet: no virtualHW.version unless given). */
export const vmx = (...lines: string[]) => `${lines.join('\n')}\n`;

/** A VSphereMachineTemplate whose customVMXKeys holds the given YAML lines (indented for you). */
export const capv = (...lines: string[]) => `apiVersion: infrastructure.cluster.x-k8s.io/v1beta1
kind: VSphereMachineTemplate
metadata:
  name: md-0
  namespace: default
spec:
  template:
    spec:
      template: ubuntu-2204-kube-v1.29
      numCPUs: 4
      customVMXKeys:
${lines.map((l) => `        ${l}`).join('\n')}
`;

/** A VSphereVM (customVMXKeys directly under spec). */
export const capvVm = (...lines: string[]) => `apiVersion: infrastructure.cluster.x-k8s.io/v1beta1
kind: VSphereVM
metadata:
  name: worker-1
spec:
  customVMXKeys:
${lines.map((l) => `    ${l}`).join('\n')}
`;

/** A shell script with one govc vm.change line taking the given -e pairs. */
export const govc = (...pairs: string[]) => `#!/bin/sh
set -eu
export GOVC_URL=vcenter.example.com
govc vm.change -vm /dc/vm/k8s-worker-1 ${pairs.map((p) => `-e ${p}`).join(' ')}
echo done
`;

/** A PowerShell script setting one advanced setting on a VM. */
export const powercli = (name: string, value: string) => `$vm = Get-VM -Name k8s-worker-1
New-AdvancedSetting -Entity $vm -Name ${name} -Value ${value} -Confirm:$false -Force
Write-Host "done"
`;

/** One setting written in each source (values as a .vmx user would write them). */
export function inEach(key: string, value: string): Record<Source, string> {
  return {
    vmx: vmx(`${key} = "${value}"`),
    capv: capv(`${key}: "${value}"`),
    govc: govc(`${key}=${value}`),
    powercli: powercli(key, `"${value}"`),
  };
}

export function lintAs(source: Source, text: string): Finding[] {
  const name = FILE_NAMES[source];
  return lintFiles({ files: { [name]: text } }).get(name) ?? [];
}

export function lintNamed(name: string, text: string): Finding[] {
  return lintFiles({ files: { [name]: text } }).get(name) ?? [];
}
