// Seeded randomness for tests that try many damaged inputs: every run offers the same cases.

/** mulberry32: a small seeded PRNG returning numbers in [0, 1). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A copy of `bytes` with one byte, chosen by `rand`, set to a random value. */
export function flipOne(bytes: Uint8Array, rand: () => number): Uint8Array {
  const flipped = bytes.slice();
  flipped[Math.floor(rand() * flipped.length)] = Math.floor(rand() * 256);
  return flipped;
}
