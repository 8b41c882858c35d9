#!/bin/sh
# Expect: vm-disk-uuid-disabled (a typo'd 0 instead of 1), vm-hotplug-disabled (copied from a
# hardening script). Only the govc vm.change lines are read; the rest of the script is ignored.
set -eu
for vm in k8s-worker-1 k8s-worker-2 k8s-worker-3; do
  govc vm.power -off "$vm"
  govc vm.change -vm "$vm" \
    -e="disk.enableUUID=0" \
    -e devices.hotplug=FALSE
  govc vm.power -on "$vm"
done
