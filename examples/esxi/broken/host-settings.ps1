# Expect: esxi-advanced-option-name (PowerCLI names settings with dots), esxi-mem-share-force-salting
# (5 is not 0, 1 or 2), esxi-i40en-lldp (an empty entry in the list).
$hosts = Get-Cluster k8s | Get-VMHost
$hosts | Get-AdvancedSetting -Name /Net/TeamPolicyUpDelay | Set-AdvancedSetting -Value 10000 -Confirm:$false
$hosts | Get-AdvancedSetting -Name Mem.ShareForceSalting | Set-AdvancedSetting -Value 5 -Confirm:$false
foreach ($vmhost in $hosts) {
    $esxcli = Get-EsxCli -VMHost $vmhost -V2
    $esxcli.system.module.parameters.set.Invoke(@{module = 'i40en'; parameterstring = 'LLDP=0,,0,0'})
}
