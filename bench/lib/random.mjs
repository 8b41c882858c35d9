// A small seeded pseudo-random generator (xorshift32) for reproducible edit sequences: the LSP
// benchmark (bench/lsp/run.mjs) and the soak test (test/lsp/soak.test.ts) both draw from it.

/**
 * Numbers in [0, 1) from a 32-bit seed (0 is replaced by 1, which xorshift needs).
 * @param {number} seed
 * @returns {() => number}
 */
export function xorshift32(seed) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
}
