// Check characters of the Chinese identifiers the demo data carries, so generated codes look and verify
// like real ones (a county officer pasting one into 国家企业信用信息公示系统 sees a well-formed code).

import { computeCreditCodeCheckChar } from '../intake/credit-code';

// The credit-code check lives with intake, which checks it on the review queue; the demo builds codes with it.
export { CREDIT_CODE_ALPHABET, computeCreditCodeCheckChar } from '../intake/credit-code';

/** 9th character of an organisation code (GB 11714-1997, mod 11) from its 8-character body. */
export function computeOrgCodeCheckChar(body8: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body8[i];
    const v = /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55; // A=10 … Z=35
    sum += v * weights[i];
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/**
 * A full code for an enterprise registered with the market regulator (登记管理部门 9, 机构类别 1 = 企业):
 * 91 + registering authority's region code + organisation code (body + check) + check character.
 */
export function buildCreditCode(regionCode: string, orgBody8: string): string {
  const first17 = `91${regionCode}${orgBody8}${computeOrgCodeCheckChar(orgBody8)}`;
  return first17 + computeCreditCodeCheckChar(first17);
}

/** Check digit of a 12-digit CNIPA application number (weights 2–9,2–5, mod 11; 10 is X). */
export function computePatentCheckDigit(digits12: string): string {
  const weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(digits12[i]) * weights[i];
  const c = sum % 11;
  return c === 10 ? 'X' : String(c);
}
