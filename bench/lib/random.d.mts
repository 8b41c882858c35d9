/** Numbers in [0, 1) from a 32-bit seed (0 is replaced by 1, which xorshift needs). */
export function xorshift32(seed: number): () => number;
