/** Small seeded PRNG helpers so randomised tests are reproducible from their seed. */

import { mulberry32 } from '../../src/demo/prng';

export type Random = () => number;

/** The project's seeded mulberry32, so a failing case can be replayed from its seed. */
export function createRandom(seed: number): Random {
  return mulberry32(seed);
}

/** Integer in [min, max], both inclusive. */
export function pickInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function shuffleCopy<T>(random: Random, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
