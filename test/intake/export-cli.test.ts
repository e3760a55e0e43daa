import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createTestRuntime, type TestRuntime } from '../helpers/test-runtime';
import { expertRecord } from '../fixtures/records';

const ROOT = resolve(import.meta.dirname, '../..');
let t: TestRuntime;
beforeEach(() => {
  t = createTestRuntime();
  t.runtime.services.intake.saveExpert(expertRecord());
});
afterEach(async () => {
  await t.cleanup();
});

const exportCli = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'export.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: t.dir, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
  });
  return { code: r.status, stderr: r.stderr };
};

describe('npm run export', () => {
  it('never writes over the live database, even with --force', () => {
    const db = t.config.dbFile;
    const size = statSync(db).size;
    for (const args of [
      ['experts', db, '--force'],
      ['experts', `${db}-wal`],
    ]) {
      const r = exportCli(...args);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/正在使用的数据库文件/);
    }
    expect(statSync(db).size).toBe(size);
    expect(t.runtime.services.reader.exists('experts', 'EXP-0001')).toBe(true);
  });

  it('refuses an existing file without --force and replaces it with --force', () => {
    const file = join(t.dir, 'out.jsonl');
    writeFileSync(file, 'keep me\n');
    const refused = exportCli('experts', file);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/文件已存在.*--force/);
    expect(readFileSync(file, 'utf8')).toBe('keep me\n');
    const forced = exportCli('experts', file, '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8').trim())).toMatchObject({ externalId: 'EXP-0001' });
  });
});
