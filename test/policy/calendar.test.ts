import { describe, expect, it } from 'vitest';
import { ageAt, todayInChina, yearsBefore } from '../../src/policy/calendar';

describe('ageAt', () => {
  it.each([
    ['1978-03-01', '2023-03-01', 45, 'turns 45 on the reference date'],
    ['1978-03-02', '2023-03-01', 44, 'turns 45 the day after'],
    ['1977-03-01', '2023-03-01', 46, 'turns 46 on the reference date'],
    ['1980-02-29', '2023-02-28', 42, 'a 02-29 birthday is not reached on 02-28 of a common year'],
    ['1980-02-29', '2023-03-01', 43, 'a 02-29 birthday is reached on 03-01 of a common year'],
    ['1980-02-29', '2024-02-29', 44, 'a 02-29 birthday is reached on 02-29 of a leap year'],
    ['1980-12-31', '2023-01-01', 42, 'year boundary'],
  ])('born %s, on %s → %i (%s)', (birth, on, age) => {
    expect(ageAt(birth, on)).toBe(age);
  });
});

describe('yearsBefore', () => {
  it('keeps the calendar day', () => expect(yearsBefore('2025-09-01', 3)).toBe('2022-09-01'));
  it('maps 02-29 to 02-28 in a common year', () => expect(yearsBefore('2024-02-29', 3)).toBe('2021-02-28'));
  it('keeps 02-29 in a leap year', () => expect(yearsBefore('2024-02-29', 4)).toBe('2020-02-29'));
});

describe('todayInChina', () => {
  it('is the UTC+8 date', () => {
    expect(todayInChina(new Date('2025-03-01T15:59:59Z'))).toBe('2025-03-01');
    expect(todayInChina(new Date('2025-03-01T16:00:00Z'))).toBe('2025-03-02');
  });
});
