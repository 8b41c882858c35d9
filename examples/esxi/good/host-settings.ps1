# The same host settings with PowerCLI, for every host of the cluster.
$hosts = Get-Cluster k8s | Get-VMHost
$hosts | Get-AdvancedSetting -Name Mem.ShareForceSalting | Set-AdvancedSetting -Value 2 -Confirm:$false
$hosts | Get-AdvancedSetting -Name Net.TeamPolicyUpDelay | Set-AdvancedSetting -Value 10000 -Confirm:$false
foreach ($vmhost in $hosts) {
    $esxcli = Get-EsxCli -VMHost $vmhost -V2
    $esxcli.system.module.parameters.set.Invoke(@{module = 'i40en'; parameterstring = 'LLDP=0,0,0,0'})
}
