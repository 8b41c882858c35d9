/** Damerau-Levenshtein (optimal string alignment) distance, case-sensitive. */
export function editDistance(a: string, b: string): number {
  return boundedEditDistance(a, b, Infinity);
}

/**
 * editDistance(a, b) when it is at most `limit`; otherwise some number above `limit` (the work
 * stops as soon as the distance is known to exceed it). `rows` lets a caller reuse the buffers.
 */
export function boundedEditDistance(a: string, b: string, limit: number, rows?: EditDistanceRows): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  // Each edit changes the length by at most one.
  if (Math.abs(a.length - b.length) > limit) return Math.abs(a.length - b.length);
  const n = b.length;
  const buffers = rows ?? new EditDistanceRows();
  buffers.ensure(n + 1);
  let prevPrev = buffers.r0;
  let prev = buffers.r1;
  let current = buffers.r2;
  for (let j = 0; j <= n; j++) prev[j] = j;
  let prevMin = 0;
  for (let i = 1; i <= a.length; i++) {
    const ai = a.charCodeAt(i - 1);
    const aPrev = i > 1 ? a.charCodeAt(i - 2) : -1;
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      const cost = ai === bj ? 0 : 1;
      let value = prev[j]! + 1;
      const insert = current[j - 1]! + 1;
      if (insert < value) value = insert;
      const substitute = prev[j - 1]! + cost;
      if (substitute < value) value = substitute;
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && aPrev === bj) {
        const transpose = prevPrev[j - 2]! + 1;
        if (transpose < value) value = transpose;
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    // A cell comes from the row above, the row before that (+1) or its left neighbour, so once two
    // consecutive rows are above the limit every later row is too.
    if (rowMin > limit && prevMin > limit) return rowMin;
    prevMin = rowMin;
    const spare = prevPrev;
    prevPrev = prev;
    prev = current;
    current = spare;
  }
  return prev[n]!;
}

/** Reusable rows for boundedEditDistance. */
export class EditDistanceRows {
  r0 = new Int32Array(0);
  r1 = new Int32Array(0);
  r2 = new Int32Array(0);
  ensure(size: number): void {
    if (this.r0.length >= size) return;
    const length = Math.max(size, 32);
    this.r0 = new Int32Array(length);
    this.r1 = new Int32Array(length);
    this.r2 = new Int32Array(length);
  }
}

/**
 * The characters of one string, counted, for a cheap lower bound of its edit distance to others:
 * an insertion, deletion or substitution changes the characters one string has that the other
 * lacks (as multisets) by at most one on either side, a transposition not at all, so the larger
 * of the two differences never exceeds the edit distance.
 */
class CharacterBag {
  /** Counts of the code units below 128; strings with others get no bound. */
  private readonly counts = new Int32Array(128);
  private readonly usable: boolean;
  constructor(private readonly text: string) {
    let usable = true;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 128) usable = false;
      else this.counts[code]!++;
    }
    this.usable = usable;
  }

  /** Scratch counts of the other string's characters (all zero between calls). */
  private readonly scratch = new Int32Array(128);

  /** A lower bound of editDistance(text, other) (0 when it cannot tell). */
  distanceBound(other: string): number {
    if (!this.usable) return 0;
    const seen = this.scratch;
    for (let i = 0; i < other.length; i++) {
      const code = other.charCodeAt(i);
      if (code >= 128) {
        for (let j = 0; j < i; j++) seen[other.charCodeAt(j)] = 0;
        return 0;
      }
      seen[code]!++;
    }
    let unmatched = 0; // characters of `other` that `text` lacks
    for (let i = 0; i < other.length; i++) {
      const code = other.charCodeAt(i);
      const count = seen[code]!;
      if (count === 0) continue;
      const have = this.counts[code]!;
      if (count > have) unmatched += count - have;
      seen[code] = 0;
    }
    // Characters of `text` that `other` lacks: its length less the matched ones.
    const missing = this.text.length - (other.length - unmatched);
    return unmatched > missing ? unmatched : missing;
  }
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
  const rows = new EditDistanceRows();
  const bag = new CharacterBag(needle);
  const scored: Array<{ candidate: string; distance: number }> = [];
  for (const candidate of candidates) {
    const target = normalise(candidate);
    if (target === needle && candidate === input) continue;
    // A candidate that contains the input or is contained by it is a strong hint ("policy" -> "storagepolicyname").
    const related = needle.length >= 4 && (target.includes(needle) || needle.includes(target));
    // Too different in length, or in the characters used, to be within the limit: only
    // containment can still make it a match.
    if (!related && (Math.abs(target.length - needle.length) > limit || bag.distanceBound(target) > limit)) continue;
    let distance = boundedEditDistance(needle, target, limit, rows);
    if (distance > limit && related) distance = limit;
    if (distance <= limit) scored.push({ candidate, distance });
  }
  scored.sort((x, y) => x.distance - y.distance || x.candidate.localeCompare(y.candidate));
  return scored.slice(0, options.max ?? 3).map((s) => s.candidate);
}

/**
 * Whether two dotted names consist of the same words in another order or with other separators
 * (`vsphere.csi.vmware.com` vs `csi.vsphere.vmware.com`), ignoring case: a mix-up, not a new name.
 */
export function sameWordsReordered(a: string, b: string): boolean {
  const words = (name: string) => name.toLowerCase().split(/[./_-]+/).filter(Boolean).sort().join(' ');
  return words(a) === words(b);
}
