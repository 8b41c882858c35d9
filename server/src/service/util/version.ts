// vSphere writes versions as "7.0U3", "7.0 Update 3", "8.0.2" or "6.7u3l"; the driver as "v3.7.3".
// Both are compared as [major, minor, update] triples.

export type VersionTriple = readonly [number, number, number];

export function parseVersion(text: string | undefined): VersionTriple | undefined {
  if (!text) return undefined;
  const match = /^\s*v?(\d+)(?:\.(\d+))?(?:(?:\.|\s*u(?:pdate)?\s*)(\d+))?/i.exec(text);
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)];
}

export function compareVersions(a: VersionTriple, b: VersionTriple): number {
  for (let i = 0; i < 3; i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return 0;
}

/** True when `version` is known and at least `minimum`; undefined when the version is unknown. */
export function atLeast(version: string | undefined, minimum: string): boolean | undefined {
  const parsed = parseVersion(version);
  const floor = parseVersion(minimum);
  if (!parsed || !floor) return undefined;
  return compareVersions(parsed, floor) >= 0;
}
