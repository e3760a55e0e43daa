// The append-only audit log against someone with write access to the database file: the triggers refuse
// replacing, back-dating and unchained rows; whoever drops the triggers is caught by the hash chain.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createTestRuntime, type TestRuntime } from '../helpers/test-runtime';

const ROOT = resolve(import.meta.dirname, '../..');
let t: TestRuntime;
beforeEach(() => {
  t = createTestRuntime();
  const audit = t.runtime.repositories.audit;
  for (let i = 1; i <= 5; i++) audit.append({ actor: 'admin', actorRole: 'admin', action: 'update', entity: 'experts', entityId: `E-${i}`, before: { n: i - 1 }, after: { n: i } });
});
afterEach(async () => {
  await t.cleanup();
});

const sqlite = () => t.runtime.db.$client;
const lastRow = () => sqlite().prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT 1').get() as Record<string, unknown>;

/** `npm run audit:verify` over this runtime's data directory. */
function verifyCli() {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'audit-verify.ts')], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: t.dir, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('audit log integrity', () => {
  it('refuses INSERT OR REPLACE of an existing row, a slipped-in lower id, a back-dated row and an unchained row', () => {
    const head = lastRow();
    const copy = { ...head, actor: 'forger' };
    const insert = (verb: string, row: Record<string, unknown>) =>
      sqlite()
        .prepare(
          `${verb} INTO audit_log (id, at, actor, actor_role, action, entity, entity_id, region_code, before, after, note, prev_hash, hash) VALUES (@id, @at, @actor, @actor_role, @action, @entity, @entity_id, @region_code, @before, @after, @note, @prev_hash, @hash)`,
        )
        .run(row);
    expect(() => insert('INSERT OR REPLACE', copy)).toThrow(/append-only/);
    expect(() => insert('REPLACE', { ...copy, id: 2 })).toThrow(/append-only/);
    expect(() => insert('INSERT', { ...copy, id: Number(head.id) + 1, at: '2020-01-01T00:00:00.000Z', prev_hash: head.hash })).toThrow(/older than the newest/);
    expect(() => insert('INSERT', { ...copy, id: Number(head.id) + 1, prev_hash: 'f'.repeat(64) })).toThrow(/chained/);
    expect(() => insert('INSERT', { ...copy, id: Number(head.id) + 1, prev_hash: head.hash, hash: null })).toThrow(/chained/);
    expect(lastRow()).toEqual(head);
    expect(t.runtime.repositories.audit.verifyChain()).toMatchObject({ ok: true, rows: 5 });
  });

  it('npm run audit:verify passes an intact log and names the first row rewritten behind the triggers’ back', () => {
    const ok = verifyCli();
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, rows: 5, legacyRows: 0 });

    // Someone with the file drops the trigger and edits row 3 (the after value of a change).
    sqlite().exec('DROP TRIGGER audit_log_no_update');
    sqlite().prepare(`UPDATE audit_log SET after = '{"n":99}' WHERE id = 3`).run();
    const broken = verifyCli();
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout)).toMatchObject({ ok: false, brokenId: 3 });
    expect(broken.stderr).toMatch(/第 3 条记录.*内容与哈希不符/);
  });

  it('detects a deleted row and a re-hashed forgery that does not link to its predecessor', () => {
    sqlite().exec('DROP TRIGGER audit_log_no_delete');
    sqlite().prepare('DELETE FROM audit_log WHERE id = 2').run();
    expect(t.runtime.repositories.audit.verifyChain()).toMatchObject({ ok: false, brokenId: 3 });
  });
});
