import { describe, expect, it } from 'vitest';
import { sniffMediaType } from '../../src/placements/document-type';
import { computeServiceTime } from '../../src/placements/service-time';
import { termEndOf } from '../../src/placements/term-dates';
import { BUILT_IN_PROFILES } from '../../src/policy/profiles';

const rule = (id: string) => BUILT_IN_PROFILES.get(id)!.placement.serviceTime!;
const term = { termStart: '2025-07-01', endsOn: termEndOf('2025-07-01', 2), kind: 'programme' as const };
const log = (date: string, days: number, status: 'pending' | 'confirmed' | 'disputed' = 'confirmed') => ({ date, days, status });

describe('service time against the placement profile', () => {
  it('Hubei 三: 7 days a month — a short ended month is missed, with the clause', () => {
    const st = computeServiceTime(term, rule('hubei-2020'), [log('2025-07-03', 7), log('2025-08-05', 3)], '2025-09-10');
    // 10 September: a third of the month gone, 2 of 7 days due and none confirmed.
    expect(st.periods.slice(0, 3).map((p) => p.status)).toEqual(['met', 'missed', 'behind']);
    expect(st.status).toBe('missed');
    expect(st.message).toContain('鄂经信科技〔2020〕73号 三');
  });

  it('Wenzhou 六(四): 3 months a year (90 days) — below the pro-rata share is behind; pending and disputed days do not count', () => {
    const logs = [log('2025-07-10', 10), log('2025-08-10', 30, 'pending'), log('2025-08-20', 20, 'disputed')];
    const st = computeServiceTime(term, rule('wenzhou-2025'), logs, '2025-12-31');
    expect(st).toMatchObject({ status: 'behind', confirmedDays: 10, pendingDays: 30, disputedDays: 20 });
    expect(st.periods[0]).toMatchObject({ requiredDays: 90, confirmedDays: 10, expectedByNow: 45, status: 'behind' });
    expect(st.message).toContain('六(四)');
    expect(computeServiceTime(term, rule('wenzhou-2025'), [log('2025-07-10', 50)], '2025-12-31').status).toBe('on_track');
  });

  it('Liaocheng 第七条第1项: days and visits both count; a period cut by termination owes its share', () => {
    const many = Array.from({ length: 10 }, (_, i) => log(`2025-${String(7 + Math.floor(i / 2)).padStart(2, '0')}-1${i % 2}`, 3));
    expect(computeServiceTime(term, rule('liaocheng-2025'), many, '2026-07-01').periods[0].status).toBe('met');
    const fewVisits = [log('2025-07-10', 30)];
    expect(computeServiceTime(term, rule('liaocheng-2025'), fewVisits, '2026-07-01').periods[0].status).toBe('missed');
    const cut = computeServiceTime({ ...term, endsOn: '2025-12-31' }, rule('liaocheng-2025'), [], '2026-03-01');
    expect(cut.periods).toHaveLength(1);
    expect(cut.periods[0].requiredDays).toBeCloseTo(15.1, 0);
  });

  it('is not applicable to declared (historical) service or a profile without a minimum, and not started before the term', () => {
    expect(computeServiceTime({ ...term, kind: 'historical' }, rule('hubei-2020'), [], '2026-01-01').status).toBe('not_applicable');
    expect(computeServiceTime(term, undefined, [], '2026-01-01').status).toBe('not_applicable');
    expect(computeServiceTime(term, rule('xinxiang-2025'), [], '2025-06-01').status).toBe('not_started');
  });
});

describe('documents are recognised by their bytes', () => {
  it('accepts PDF, PNG and JPEG and refuses anything else whatever its name', () => {
    expect(sniffMediaType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffMediaType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffMediaType(Buffer.from('<html>%PDF-</html>'))).toBeNull();
    expect(sniffMediaType(Buffer.from('PK\u0003\u0004'))).toBeNull();
  });
});
