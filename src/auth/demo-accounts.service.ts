import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AccountService } from './account.service';
import type { StaffRole } from './auth.types';
import { randomToken } from './token.util';

export const DEMO_ACCOUNTS_FILE = 'demo-accounts.json';

/** `password` is null when the account exists but its demo password is no longer on file (it is never reset). */
export type DemoAccount = { username: string; displayName: string; role: StaffRole; region: string | null; password: string | null };
/** `created`: made by this start, so its password is shown this once; later starts point to the file instead. */
export type EnsuredDemoAccount = DemoAccount & { created: boolean };

type Wanted = Omit<DemoAccount, 'password'>;

function readSaved(file: string): Map<string, DemoAccount> {
  if (!existsSync(file)) return new Map();
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { accounts?: DemoAccount[] };
    return new Map((parsed.accounts ?? []).filter((a) => typeof a?.username === 'string' && typeof a.password === 'string').map((a) => [a.username, a]));
  } catch {
    // An unreadable file only costs the printout: existing passwords are never reset.
    return new Map();
  }
}

/** Owner-only from the first byte: written to a 0600 temp file, then renamed over the old one. */
function writeSaved(file: string, accounts: DemoAccount[]): void {
  const tmp = `${file}.tmp`;
  const body = { note: '演示模式账号（仅用于演示，请勿在生产环境使用）', accounts: accounts.filter((a) => a.password !== null) };
  writeFileSync(tmp, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

/**
 * Demo mode: makes sure an admin, a viewer and one reviewer per given county exist, with random
 * passwords stored only as hashes in the database. The plaintext demo credentials are kept in
 * `<dataDir>/demo-accounts.json` (mode 0600) so a restart can print them again; returns the list to print.
 */
export async function ensureDemoAccounts(
  deps: { accounts: Pick<AccountService, 'exists' | 'createUser'> },
  regions: Array<{ code: string; name: string }>,
  options: { dataDir: string },
): Promise<EnsuredDemoAccount[]> {
  const { accounts } = deps;
  mkdirSync(options.dataDir, { recursive: true });
  const file = join(options.dataDir, DEMO_ACCOUNTS_FILE);
  const saved = readSaved(file);
  const wanted: Wanted[] = [
    { username: 'admin', displayName: '市级管理员（演示）', role: 'admin', region: null },
    { username: 'viewer', displayName: '只读用户（演示）', role: 'viewer', region: null },
    ...regions.map((r): Wanted => ({ username: `reviewer-${r.code}`, displayName: `${r.name}审核员（演示）`, role: 'reviewer', region: r.code })),
  ];
  const result: EnsuredDemoAccount[] = [];
  let changed = false;
  for (const w of wanted) {
    if (accounts.exists(w.username)) {
      result.push({ ...w, password: saved.get(w.username)?.password ?? null, created: false });
      continue;
    }
    const password = randomToken(12);
    await accounts.createUser({ ...w, password });
    result.push({ ...w, password, created: true });
    changed = true;
  }
  // Accounts from earlier runs with other regions stay on file alongside this run's.
  const others = [...saved.values()].filter((a) => !result.some((r) => r.username === a.username) && accounts.exists(a.username));
  if (changed) writeSaved(file, [...result.map(({ created: _c, ...a }) => a), ...others]);
  else if (existsSync(file)) chmodSync(file, 0o600);
  return result;
}

/**
 * The terminal note of a demo start: passwords only of the accounts this start created (once, never again in
 * the logs of later starts), and where the owner-only file keeps them.
 */
export function describeDemoAccounts(accounts: EnsuredDemoAccount[], where: { url: string; dataDir: string }): string {
  const lines = [
    `\n科技副总匹配服务已启动：${where.url}/  （API 文档：${where.url}/docs）`,
    `演示账号（密码保存在 ${join(where.dataDir, DEMO_ACCOUNTS_FILE)}，仅本机所有者可读）：`,
  ];
  for (const a of accounts) {
    const password = a.created ? (a.password ?? '') : '(见密码文件)';
    lines.push(`  ${a.role.padEnd(8)} ${a.username.padEnd(16)} ${password}  ${a.displayName}`);
  }
  return `${lines.join('\n')}\n`;
}
