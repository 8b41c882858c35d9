/** Damerau-Levenshtein (optimal string alignment) distance, case-sensitive. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j]! + 1, current[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, prevPrev[j - 2]! + 1);
      }
      current.push(value);
    }
    prevPrev = prev;
    prev = current;
  }
  return prev[b.length]!;
}

/**
 * The candidates close enough to `input` to be a plausible typo, best first.
 * Comparison ignores case when `ignoreCase` is set (the driver lower-cases parameter keys).
 */
export function closestMatches(
  input: string,
  candidates: readonly string[],
  options: { ignoreCase?: boolean; max?: number } = {},
): string[] {
  const normalise = (s: string) => (options.ignoreCase ? s.toLowerCase() : s);
  const needle = normalise(input.trim());
  const limit = Math.max(2, Math.floor(Math.max(needle.length, 1) / 3));
  const scored: Array<{ candidate: string; distance: number }> = [];
  for (const candidate of candidates) {
    const target = normalise(candidate);
    if (target === needle && candidate === input) continue;
    let distance = editDistance(needle, target);
    // A candidate that contains the input or is contained by it is a strong hint ("policy" -> "storagepolicyname").
    if (distance > limit && (target.includes(needle) || needle.includes(target)) && needle.length >= 4) {
      distance = limit;
    }
    if (distance <= limit) scored.push({ candidate, distance });
  }
  scored.sort((x, y) => x.distance - y.distance || x.candidate.localeCompare(y.candidate));
  return scored.slice(0, options.max ?? 3).map((s) => s.candidate);
}
