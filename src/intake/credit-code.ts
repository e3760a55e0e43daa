// GB 32100-2015 unified social credit code: the 18th character is a mod-31 check over the first 17.

/** GB 32100-2015 alphabet: digits and capitals without I, O, S, V, Z. */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** 18th character of a unified social credit code from its first 17 (GB 32100-2015 §4.1, mod 31). */
export function computeCreditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('统一社会信用代码前 17 位长度不正确');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_ALPHABET.indexOf(first17[i]);
    if (v < 0) throw new RangeError(`统一社会信用代码含非法字符：${first17[i]}`);
    sum += v * CREDIT_CODE_WEIGHTS[i];
  }
  const c = 31 - (sum % 31);
  return CREDIT_CODE_ALPHABET[c === 31 ? 0 : c];
}

/** True when the code is 18 characters of the alphabet and its check character is right. */
export function isCreditCodeValid(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  return computeCreditCodeCheckChar(code.slice(0, 17)) === code[17];
}
