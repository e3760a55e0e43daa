/**
 * The last day of a 科技副总 term that starts on `startDate` ('YYYY-MM-DD'): 2 years less a day
 * (Hubei 三 / Wuhan 三: 每批服务期 2 年). A term from 02-29 ends on 02-28, the day before its
 * corresponding day two years on.
 */
export function serviceTermEnd(startDate: string, years = 2): string {
  const [y, m, d] = startDate.split('-').map(Number);
  // Date.UTC rolls day 0 back into the previous month, which is exactly "the day before".
  return new Date(Date.UTC(y + years, m - 1, d - 1)).toISOString().slice(0, 10);
}
