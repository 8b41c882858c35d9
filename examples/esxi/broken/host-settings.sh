#!/bin/sh
# Expect: esxi-mem-share-force-salting (0 shares pages between all VMs), esxi-advanced-option-name
# (a dotted name after esxcli -o), esxi-advanced-value-type (-s for an integer setting),
# esxi-team-policy-up-delay (10 meant as seconds), esxi-scratch-location (a ramdisk),
# esxi-tools-ramdisk (gone in ESXi 7 and 8), esxi-i40en-lldp (one value for a four-port card),
# esxi-vmkping-payload-size (the MTU used as payload), esxi-vmkping-fragmentation (no -d),
# esxi-profile-depot (no depot), esxi-profile-security-only (an "s" profile).
set -eu
echo "configuring $(hostname -s)"   # echo and comments are never checked: esxcli ... -i 9

esxcli system settings advanced set -o /Mem/ShareForceSalting -i 0
esxcli system settings advanced set -o Misc.EnablePSPLatencyPolicy -i 1
esxcli system settings advanced set -o /Net/TeamPolicyUpDelay -s 10
esxcli system settings advanced set -o /ScratchConfig/ConfiguredScratchLocation -s /tmp/scratch
esxcli system settings advanced set -o /UserVars/ToolsRamdisk -i 1
esxcli system module parameters set -m i40en -p LLDP=0

vmkping -I vmk1 -d -s 9000 10.20.12.12
vmkping -I vmk2 -s 8972 10.20.13.12

esxcli software profile update -p ESXi-8.0U2sb-22380479-standard
