import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createRuntime } from '../../src/runtime';
import { enterpriseRecord } from '../fixtures/records';
import { TEST_PASSWORD } from '../helpers/test-app';
import { silentLogger } from '../helpers/test-runtime';

const root = mkdtempSync(join(tmpdir(), 'kjfz-nomodel-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function startWithModelDir(modelDir: string) {
  const runtime = createRuntime(loadConfig({ DATA_DIR: join(root, `data-${Math.random().toString(36).slice(2)}`), MODEL_DIR: modelDir, LOG_LEVEL: 'silent' }), {
    logger: silentLogger,
  });
  // What server.ts does: the model's failure disables matching only.
  const modelError = await runtime.matching().then(
    () => undefined,
    (err: Error) => err.message,
  );
  const app = await buildApp({ services: runtime.services, logger: silentLogger, matchingUnavailable: modelError });
  return { runtime, app, modelError };
}

describe('a missing or corrupt model', () => {
  for (const [name, prepare] of [
    ['missing (empty MODEL_DIR)', (dir: string) => dir],
    [
      'corrupt (garbage ONNX file)',
      (dir: string) => {
        const m = join(dir, 'BAAI', 'bge-small-zh-v1.5');
        mkdirSync(join(m, 'onnx'), { recursive: true });
        writeFileSync(join(m, 'onnx', 'model.onnx'), 'not a model');
        writeFileSync(join(m, 'config.json'), '{');
        return dir;
      },
    ],
  ] as const) {
    it(`${name}: intake and login work, POST /v1/match answers 503 naming npm run setup`, async () => {
      const dir = mkdtempSync(join(root, 'models-'));
      const { runtime, app, modelError } = await startWithModelDir(prepare(dir));
      try {
        expect(modelError).toBeTruthy();
        await runtime.services.accounts.createUser({ username: 'nm-admin', displayName: 'x', role: 'admin', password: TEST_PASSWORD });
        const login = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { username: 'nm-admin', password: TEST_PASSWORD } });
        expect(login.statusCode).toBe(200);
        const headers = { cookie: `kjfz_session=${login.cookies.find((c) => c.name === 'kjfz_session')!.value}`, 'x-csrf-token': login.json().csrfToken };
        expect((await app.inject({ method: 'POST', url: '/v1/enterprises', headers, payload: enterpriseRecord() })).statusCode).toBe(201);
        expect((await app.inject({ method: 'GET', url: '/v1/audit', headers })).statusCode).toBe(200);
        expect((await app.inject({ method: 'GET', url: '/', headers: { ...headers, accept: 'text/html' } })).statusCode).toBe(200);
        const match = await app.inject({ method: 'POST', url: '/v1/match', headers, payload: { title: '锂电池', policy: 'open' } });
        expect(match.statusCode).toBe(503);
        expect(match.json()).toMatchObject({ code: 'MODEL_UNAVAILABLE' });
        expect(match.json().message).toContain('npm run setup');
        // Access control still comes first.
        expect((await app.inject({ method: 'POST', url: '/v1/match', payload: { title: '锂电池', policy: 'open' } })).statusCode).toBe(401);
      } finally {
        await app.close();
        await runtime.close();
      }
    }, 60_000);
  }
});
