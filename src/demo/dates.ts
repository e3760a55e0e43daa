// Calendar arithmetic on ISO dates (UTC, no clock): the generator must never read the current time.
import type { Rng } from './prng';

const DAY_MS = 86_400_000;

export function toIsoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function parseIsoDate(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
}

export function addDays(iso: string, days: number): string {
  return toIsoDate(parseIsoDate(iso) + days * DAY_MS);
}

/** Same day `years` later/earlier; 29 February falls back to 28 February. */
export function addYears(iso: string, years: number): string {
  const y = Number(iso.slice(0, 4)) + years;
  const md = iso.slice(5);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${y}-${md === '02-29' && !leap ? '02-28' : md}`;
}

/** Uniformly random date in [from, to]. */
export function randomDate(r: Rng, from: string, to: string): string {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  return toIsoDate(a + r.int(0, Math.max(0, Math.round((b - a) / DAY_MS))) * DAY_MS);
}

/** Full years between a birth date and a reference date (a birthday on the reference date counts). */
export function ageAt(birthDate: string, referenceDate: string): number {
  const years = Number(referenceDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return referenceDate.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

/** A birth date that makes someone exactly `age` on the reference date, on a random day of the year. */
export function birthDateForAge(r: Rng, age: number, referenceDate: string): string {
  const refYear = Number(referenceDate.slice(0, 4));
  // Pick a day in a non-leap year so 29 February never appears.
  const md = toIsoDate(Date.UTC(2025, 0, 1) + r.int(0, 364) * DAY_MS).slice(5);
  const year = md <= referenceDate.slice(5) ? refYear - age : refYear - age - 1;
  return `${year}-${md}`;
}
