import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { createRuntime } from '../src/runtime';
import { silentLogger } from './helpers/test-runtime';

const root = mkdtempSync(join(tmpdir(), 'kjfz-perm-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const mode = (f: string) => statSync(f).mode & 0o777;

describe('owner-only data directory and files', () => {
  it('creates the data directory 0700 and the database and its WAL 0600, and tightens an existing looser directory', async () => {
    const dir = join(root, 'fresh');
    const runtime = createRuntime(loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' }), { logger: silentLogger });
    try {
      expect(mode(dir)).toBe(0o700);
      expect(mode(join(dir, 'app.db'))).toBe(0o600);
      expect(mode(join(dir, 'app.db-wal'))).toBe(0o600);
    } finally {
      await runtime.close();
    }
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'app.db'), 0o644);
    const again = createRuntime(loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' }), { logger: silentLogger });
    await again.close();
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, 'app.db'))).toBe(0o600);
  });

  it('writes an export file 0600', () => {
    const fresh = join(root, 'experts.jsonl');
    const env = { ...process.env, DATA_DIR: join(root, 'export'), LOG_LEVEL: 'silent' };
    execFileSync('npx', ['tsx', 'scripts/export.ts', 'experts', fresh], { env, stdio: 'pipe' });
    expect(mode(fresh)).toBe(0o600);
  }, 60_000);
});
