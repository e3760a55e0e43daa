import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeDemoAccounts, ensureDemoAccounts } from '../../src/auth/demo-accounts.service';
import { hashPassword } from '../../src/auth/password.service';
import { users } from '../../src/db/schema';
import { createTestRuntime } from '../helpers/test-runtime';

let cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups) await c();
  cleanups = [];
});

function setup() {
  const t = createTestRuntime();
  cleanups.push(t.cleanup);
  return { db: t.runtime.db, dir: t.dir, auth: t.runtime.services.auth, repos: t.runtime.repositories };
}

describe('staff accounts', () => {
  it('requires a county reviewer to have exactly one existing county and city roles to have none', async () => {
    const { auth } = setup();
    const base = { displayName: 'x', password: 'long-enough-password' };
    await expect(auth.accounts.createUser({ ...base, username: 'r1', role: 'reviewer' })).rejects.toMatchObject({ code: 'INVALID_ACCOUNT' });
    await expect(auth.accounts.createUser({ ...base, username: 'r2', role: 'reviewer', region: '999999' })).rejects.toMatchObject({ code: 'INVALID_ACCOUNT' });
    await expect(auth.accounts.createUser({ ...base, username: 'r3', role: 'reviewer', region: '330300' })).rejects.toThrow(/不是区县/);
    await expect(auth.accounts.createUser({ ...base, username: 'a1', role: 'admin', region: '330302' })).rejects.toMatchObject({ code: 'INVALID_ACCOUNT' });
    await expect(auth.accounts.createUser({ ...base, username: 'r4', role: 'reviewer', region: '330302' })).resolves.toMatchObject({ region: '330302' });
    await expect(auth.accounts.createUser({ ...base, username: 'r4', role: 'reviewer', region: '330302' })).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
  });

  it('refuses short passwords and odd usernames', async () => {
    const { auth } = setup();
    await expect(auth.accounts.createUser({ username: 'v', displayName: 'x', role: 'viewer', password: 'long-enough-password' })).rejects.toThrow(/用户名/);
    await expect(auth.accounts.createUser({ username: 'viewer1', displayName: 'x', role: 'viewer', password: 'short' })).rejects.toThrow(/密码长度/);
  });
});

describe('demo accounts', () => {
  const counties = [
    { code: '330302', name: '鹿城区' },
    { code: '330303', name: '龙湾区' },
  ];

  it('creates an admin, a viewer and one reviewer per county, storing only password hashes in the database', async () => {
    const { db, dir, auth } = setup();
    const list = await ensureDemoAccounts(auth, counties, { dataDir: dir });
    expect(list.map((a) => [a.username, a.role, a.region])).toEqual([
      ['admin', 'admin', null],
      ['viewer', 'viewer', null],
      ['reviewer-330302', 'reviewer', '330302'],
      ['reviewer-330303', 'reviewer', '330303'],
    ]);
    expect(new Set(list.map((a) => a.password)).size).toBe(4);
    const rows = db.select().from(users).all();
    for (const a of list) {
      const row = rows.find((r) => r.username === a.username)!;
      expect(row.passwordHash).toMatch(/^scrypt\$/);
      expect(JSON.stringify(row)).not.toContain(a.password!);
    }
  });

  it('keeps the demo credentials in an owner-only demo-accounts.json and prints the same ones after a restart', async () => {
    const { dir, auth } = setup();
    const first = await ensureDemoAccounts(auth, counties, { dataDir: dir });
    const file = join(dir, 'demo-accounts.json');
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved.accounts.map((a: { username: string; password: string }) => [a.username, a.password])).toEqual(first.map((a) => [a.username, a.password]));
    const again = await ensureDemoAccounts(auth, counties, { dataDir: dir });
    expect(again.map(({ created: _c, ...a }) => a)).toEqual(first.map(({ created: _c, ...a }) => a));
    expect(first.every((a) => a.created)).toBe(true);
    expect(again.some((a) => a.created)).toBe(false);
  });

  it('prints a demo password once, when the account is created, and only points to the file on later starts', async () => {
    const { dir, auth } = setup();
    const where = { url: 'http://127.0.0.1:3000', dataDir: dir };
    const first = await ensureDemoAccounts(auth, counties, { dataDir: dir });
    const firstNote = describeDemoAccounts(first, where);
    for (const a of first) expect(firstNote).toContain(a.password!);
    const againNote = describeDemoAccounts(await ensureDemoAccounts(auth, counties, { dataDir: dir }), where);
    for (const a of first) expect(againNote).not.toContain(a.password!);
    expect(againNote).toContain(join(dir, 'demo-accounts.json'));
  });

  it('lets a demo account log in with the printed password', async () => {
    const { dir, auth } = setup();
    const [admin] = await ensureDemoAccounts(auth, counties.slice(0, 1), { dataDir: dir });
    expect(await auth.accounts.verifyCredentials('admin', admin.password!)).toMatchObject({ username: 'admin', role: 'admin' });
  });
});

describe('password hashes made with older parameters', () => {
  it('are replaced by one at the current parameters on the next successful login, and only then', async () => {
    const { repos, auth } = setup();
    await auth.accounts.createUser({ username: 'old-hash', displayName: 'x', role: 'viewer', password: 'long-enough-password' });
    const weak = await hashPassword('long-enough-password', { N: 2 ** 10, r: 8, p: 1 });
    repos.users.setPasswordHash(repos.users.findByUsername('old-hash')!.id, weak);
    const stored = () => repos.users.findByUsername('old-hash')!.passwordHash;

    expect(await auth.accounts.verifyCredentials('old-hash', 'wrong-password-000')).toBeUndefined();
    expect(stored()).toBe(weak);
    expect(await auth.accounts.verifyCredentials('old-hash', 'long-enough-password')).toBeTruthy();
    expect(stored()).toMatch(/^scrypt\$4096\$8\$1\$/); // the test runtime's cost (PASSWORD_HASH_COST=12)
    expect(await auth.accounts.verifyCredentials('old-hash', 'long-enough-password')).toBeTruthy();
  });
});
