// The package version, defined by the esbuild bundle (scripts/build.mjs).
declare const __VSPHERE_CSI_LINT_VERSION__: string | undefined;

export const VERSION: string = typeof __VSPHERE_CSI_LINT_VERSION__ === 'string' ? __VSPHERE_CSI_LINT_VERSION__ : '0.0.0-dev';
