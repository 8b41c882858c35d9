#!/bin/sh
# Host settings for ESXi hosts that run Kubernetes node VMs with vSphere CSI volumes, run once per
# host. vsphere-csi-lint reads only the host commands (esxcli, esxcfg-advcfg, vmkping); the rest
# of the script is never checked.
set -eu
HOST=$(hostname -s)

# Memory sharing: keep the secure default, pages are shared only inside each VM.
esxcli system settings advanced set -o /Mem/ShareForceSalting -i 2

# Latency-aware Round Robin for the datastores behind the volumes is on from 6.7 U3: just check it.
esxcfg-advcfg -g /Misc/EnablePSPLatencyPolicy

# Port flapping: wait 10 seconds (10000 ms) before failing back onto an uplink that came back.
esxcli system settings advanced set -o /Net/TeamPolicyUpDelay -i 10000

# Scratch on a datastore instead of the SD card the host boots from.
esxcli system settings advanced set -o /ScratchConfig/ConfiguredScratchLocation \
  -s "/vmfs/volumes/datastore1/.locker-${HOST}"

# Intel X710, four ports: turn the firmware LLDP agent off so the distributed switch sees LLDP.
esxcli system module parameters set -m i40en -p LLDP=0,0,0,0

# Jumbo frames end to end on the vMotion/vSAN network: 9000 - 28 bytes of headers, no fragmenting.
vmkping -I vmk1 -d -s 8972 10.20.12.12

echo "host settings applied on ${HOST}; reboot for the module parameters and scratch location"
