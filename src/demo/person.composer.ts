// Chinese personal names and masked contact numbers for demo people.
import { GIVEN_FEMALE, GIVEN_MALE, SURNAMES } from './people.data';
import type { Rng } from './prng';

export function composePersonName(r: Rng, gender: '男' | '女'): string {
  const chars = gender === '男' ? GIVEN_MALE : GIVEN_FEMALE;
  const given = r.chance(0.7) ? r.pick(chars) + r.pick(chars) : r.pick(chars);
  return r.weighted(SURNAMES) + given;
}

/** Masked like a published contact list ("139****2486"), so demo data never carries a dialable number. */
export function composeMaskedMobile(r: Rng): string {
  return `1${r.pick(['35', '36', '38', '39', '58', '59', '77', '80', '86', '88', '89'])}****${r.chars('0123456789', 4)}`;
}
