// Behaviour fingerprint of matching: seeds the demo into a temp DATA_DIR, syncs
// retrieval with the real model, sends 200 POST /v1/match requests through the app and writes canonical JSON.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { DEMO_REFERENCE_DATE, generateDemoData } from '../src/demo/demo-data.generator';
import { seedDemo } from '../src/demo/seed-demo.service';
import { createRuntime } from '../src/runtime';
import { stringifyStable } from '../src/shared/hash';
import { createCliLogger } from '../src/shared/logger';
import { buildMatchRequests, canonicalResponse } from './lib/match-fingerprint';

const { values } = parseArgs({ options: { out: { type: 'string' }, 'data-dir': { type: 'string' } } });
const out = resolve(values.out ?? 'match-results.json');
const ownDir = !values['data-dir'];
const dir = resolve(values['data-dir'] ?? mkdtempSync(join(tmpdir(), 'kjfz-dump-')));
const config = loadConfig({ ...process.env, DATA_DIR: dir, DEMO: 'off' });
const logger = createCliLogger('warn', 'dump-match');

// "Today" is pinned so ad-hoc requests without a cycle answer the same on any day.
const runtime = createRuntime(config, { logger, ranking: { today: () => DEMO_REFERENCE_DATE } });
const { services } = runtime;
const demo = generateDemoData();
const seeded = seedDemo({ intake: services.intake, transaction: runtime.transaction }, { data: demo });
if (seeded.rejected.length) throw new Error(`demo seed rejected ${seeded.rejected.length} records`);
const { retrieval, ranker } = await runtime.matching();
const synced = await retrieval.sync();
process.stderr.write(`${JSON.stringify({ step: 'synced', evidence: synced.evidence, embedded: synced.textsEmbedded })}\n`);
const app = await buildApp({ services, logger, ranker, auth: { portalRateLimit: { max: 1_000_000, timeWindowMs: 60_000 } } });
await app.ready();

await services.accounts.createUser({ username: 'dump-admin', displayName: 'dump', role: 'admin', region: null, password: 'dump-password-0123456789' });
const login = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { username: 'dump-admin', password: 'dump-password-0123456789' } });
const session = login.cookies.find((c) => c.name === 'kjfz_session')!.value;
const staff = { cookie: `kjfz_session=${session}`, 'x-csrf-token': login.json().csrfToken as string };
const portal = { authorization: `Bearer ${services.apiKeys.create('dump-portal', { actor: 'dump', actorRole: 'dump' }).key}` };

const results = [];
for (const r of buildMatchRequests(demo)) {
  const res = await app.inject({ method: 'POST', url: '/v1/match', headers: r.as === 'staff' ? staff : portal, payload: r.body });
  results.push({ n: r.n, as: r.as, body: r.body, status: res.statusCode, response: canonicalResponse(res.json()) });
}
const text = `${stringifyStable(results)}\n`;
writeFileSync(out, text);
process.stdout.write(`${JSON.stringify({ requests: results.length, sha256: createHash('sha256').update(text).digest('hex'), out })}\n`);
await app.close();
await runtime.close();
if (ownDir) rmSync(dir, { recursive: true, force: true });
