// One model for node VM settings, whatever they are written in: a .vmx file, Cluster API
// customVMXKeys in YAML, `govc vm.change -e key=value` in a shell script, or PowerCLI
// New-AdvancedSetting / Set-AdvancedSetting in a PowerShell script. The rules only see entries.

export type VmSettingSource = 'vmx' | 'capv' | 'govc' | 'powercli';

/** What a YAML value reads as (customVMXKeys is a map of strings; everything else is rejected). */
export type YamlValueType = 'string' | 'boolean' | 'number' | 'null' | 'map' | 'seq' | 'other';

/**
 * How a replacement value is written in place of `valueSpan`:
 * - `vmx`: `"value"` (the span covers the quotes, or a bare value);
 * - `yaml-double` / `yaml-single` / `yaml-plain`: a YAML scalar (plain values get double quotes, so they stay strings);
 * - `word`: the span covers exactly the value's characters (inside or outside shell/PowerShell quotes),
 *   so a plain word such as `TRUE` can replace them;
 * - `none`: the value cannot be rewritten safely (escapes, variables, block scalars).
 */
export type ValueStyle = 'vmx' | 'yaml-double' | 'yaml-single' | 'yaml-plain' | 'word' | 'none';

export interface VmSetting {
  /** The key as written (VMX keys are case-insensitive: compare `key.toLowerCase()`). */
  key: string;
  /**
   * The value the VM gets, unquoted; for YAML non-strings the source text (`false`, `19`).
   * Undefined when it cannot be known from the text (a shell or PowerShell variable, a YAML mapping).
   */
  value: string | undefined;
  /** Offsets of the key in the fragment text. */
  keySpan: [number, number];
  /** Offsets of the written value (quotes included for .vmx and YAML); the key span when there is no value. */
  valueSpan: [number, number];
  source: VmSettingSource;
  /** Whether the value is a string in its own language (false for YAML booleans/numbers, PowerShell $true, ...). */
  valueIsString: boolean;
  /** YAML only: what the value reads as. */
  yamlType?: YamlValueType;
  valueStyle: ValueStyle;
  /** The VM the setting is for, when the text names it (govc -vm, PowerCLI -Entity, the CAPV object name). */
  vmName?: string;
}

export interface VmSettings {
  source: VmSettingSource;
  entries: VmSetting[];
  /**
   * A whole VM definition (a .vmx with `virtualHW.version`), where a missing key means the VM
   * does not have the setting. Snippets, scripts and customVMXKeys only add to a VM's settings.
   */
  complete: boolean;
  /** Cluster API objects: the object's kind and name, for messages. */
  object?: { kind: string; name: string | undefined };
  /** Where file-level findings go (the customVMXKeys key, or the first entry of a .vmx). */
  anchor: [number, number];
}
