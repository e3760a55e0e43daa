/**
 * The quota unit a demand's seat comes from, by the run's allocation level: its county (区县, the
 * enterprise's region code), its city (市州: the first four digits + '00'), or one pool for the whole
 * cycle. Pure; shared by the cycle run (seats per unit) and county review (the seats a county draws on).
 */
export type QuotaLevel = 'county' | 'city' | 'pool';

export function quotaUnitOf(region: string, level: QuotaLevel, poolCode: string): string {
  if (level === 'pool') return poolCode;
  if (level === 'city') return /^\d{6}$/.test(region) ? `${region.slice(0, 4)}00` : region;
  return region;
}
