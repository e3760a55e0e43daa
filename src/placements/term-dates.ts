// Calendar arithmetic of a placement's term on 'YYYY-MM-DD' strings (UTC dates, no time zone).

const toDate = (s: string) => new Date(`${s}T00:00:00Z`);
const toDay = (d: Date) => d.toISOString().slice(0, 10);

/** The same day `n` months later; a day the month lacks is its last day (01-31 + 1 month → 02-28). */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const last = new Date(Date.UTC(y, m - 1 + n + 1, 0)).getUTCDate();
  return toDay(new Date(Date.UTC(y, m - 1 + n, Math.min(d, last))));
}

export function addDays(date: string, n: number): string {
  const d = toDate(date);
  d.setUTCDate(d.getUTCDate() + n);
  return toDay(d);
}

/** Days from `from` to `to`, both included (0 when `to` is before `from`). */
export function daysInclusive(from: string, to: string): number {
  return Math.max(0, Math.round((toDate(to).getTime() - toDate(from).getTime()) / 86_400_000) + 1);
}

/** The last day of a term of `years` starting on `start`: the day before the corresponding day (Hubei 三 服务期 2 年). */
export function termEndOf(start: string, years: number): string {
  return addDays(addMonths(start, years * 12), -1);
}

export const minDate = (a: string, b: string) => (a < b ? a : b);
export const maxDate = (a: string, b: string) => (a > b ? a : b);
