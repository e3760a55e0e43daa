import { describe, expect, it } from 'vitest';
import { buildCreditCode, computeCreditCodeCheckChar, computeOrgCodeCheckChar, computePatentCheckDigit } from '../../src/demo/check-digits';

describe('check digits', () => {
  it('computes the GB 32100 check character of published unified social credit codes', () => {
    expect(computeCreditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(computeCreditCodeCheckChar('91330100716105852')).toBe('F');
    expect(computeCreditCodeCheckChar('9144030071526726X')).toBe('G');
  });

  it('computes the GB 11714 organisation-code check character, including X', () => {
    expect(computeOrgCodeCheckChar('M000100Y')).toBe('4');
    expect(computeOrgCodeCheckChar('71526726')).toBe('X');
  });

  it('builds a full code from a region and an organisation-code body', () => {
    expect(buildCreditCode('330100', '71610585')).toBe('91330100716105852F');
  });

  it('computes the CNIPA application-number check digit', () => {
    expect(computePatentCheckDigit('201710601862')).toBe('3');
  });
});
