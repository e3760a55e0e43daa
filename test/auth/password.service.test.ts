import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyPassword } from '../../src/auth/password.service';

describe('password hashing (scrypt)', () => {
  it('verifies the password it hashed and rejects a wrong one', async () => {
    const hash = await hashPassword('正确的密码-correct horse');
    expect(await verifyPassword('正确的密码-correct horse', hash)).toBe(true);
    expect(await verifyPassword('正确的密码-correct hors', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('stores the algorithm and its parameters in the hash and salts every hash differently', async () => {
    const a = await hashPassword('same password');
    const b = await hashPassword('same password');
    expect(a).toMatch(/^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('same password');
  });

  it('verifies with the parameters stored in the hash, so they can be raised later', async () => {
    const cheap = await hashPassword('pw-1234567890', { N: 1024, r: 8, p: 1 });
    expect(cheap.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect(await verifyPassword('pw-1234567890', cheap)).toBe(true);
  });

  it('treats malformed or unreasonable stored hashes as a non-match instead of throwing', async () => {
    for (const bad of [
      '',
      'plain',
      'scrypt$1$8$1$aaaa$bbbb',
      'bcrypt$x',
      'scrypt$4194304$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2g',
      'scrypt$1000$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2g',
    ]) {
      expect(await verifyPassword('x', bad)).toBe(false);
    }
  });

  it('asks for a re-hash of hashes below the OWASP minimum (N=2^17, r=8, p=1) only', async () => {
    expect(needsRehash(await hashPassword('pw-1234567890'))).toBe(false);
    expect(needsRehash('scrypt$32768$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2g')).toBe(true);
    expect(needsRehash('scrypt$131072$4$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2g')).toBe(true);
    expect(needsRehash('bcrypt$x')).toBe(true);
  });
});
