import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMatchTestApp, HashingEmbedder, type MatchTestApp } from './match-test-app';

// Malformed, oversized, wrongly typed and hostile bodies must get a 4xx with {code, message}, never a 5xx.
// The model is replaced by a hashing embedder here: the point is the HTTP edge and the ranking code paths.
let t: MatchTestApp;
let auth: Record<string, string>;
let staff: Record<string, string>;

beforeAll(async () => {
  t = await createMatchTestApp({ embedder: new HashingEmbedder(), experts: 60, enterprises: 25 });
  auth = t.portal();
  staff = await t.staff('admin');
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const send = (payload: string, headers = auth, contentType = 'application/json') =>
  t.app.inject({ method: 'POST', url: '/v1/match', payload, headers: { ...headers, 'content-type': contentType } });

function expectClientError(res: { statusCode: number; body: string }) {
  expect(res.statusCode, res.body.slice(0, 300)).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, res.body.slice(0, 300)).toBeLessThan(500);
  const body = JSON.parse(res.body);
  expect(typeof body.code).toBe('string');
  expect(typeof body.message).toBe('string');
}

describe('POST /v1/match robustness', () => {
  it('refuses a 1 MB string, a 3 MB body, deep nesting, lone surrogates and bad JSON with a 4xx', async () => {
    const mb = '锂'.repeat(1 << 20);
    expectClientError(await send(JSON.stringify({ title: mb, policy: 'open' })));
    expectClientError(await send(JSON.stringify({ title: '电池', description: mb, policy: 'open' })));
    expectClientError(await send(JSON.stringify({ title: '电池', policy: 'open', pad: 'x'.repeat(3 << 20) })));
    expectClientError(await send(`${'['.repeat(100_000)}${']'.repeat(100_000)}`));
    expectClientError(await send(`{"title":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)},"policy":"open"}`));
    expectClientError(await send('{"title":"\\ud800 电池","policy":"open"}'));
    expectClientError(await send('{"title":"电池\\udfff","policy":"open"}'));
    expectClientError(await send('{"title":"电池","policy":"open"'));
    expectClientError(await send(''));
    expectClientError(await send('null'));
    expectClientError(await send('"电池"'));
    expectClientError(await send('title=电池', auth, 'application/x-www-form-urlencoded'));
    expectClientError(await send(JSON.stringify({ demandId: ['a'] })));
    expectClientError(await send(JSON.stringify({ title: 42, policy: 'open' })));
    expectClientError(await send(JSON.stringify({ title: '电池', policy: 'open', top: '10' })));
    expectClientError(await send(JSON.stringify({ title: '电池', policy: 'open', top: Infinity })));
    expectClientError(await send(JSON.stringify({ title: '电池', policy: 'open', namedCandidates: [{}, {}, {}] })));
    expectClientError(await send(JSON.stringify({ title: '电池', policy: '../../etc/passwd' })));
    expectClientError(await send(JSON.stringify({ title: '电池', cycle: "x' OR '1'='1" })));
  });

  it('treats SQL fragments and markup in the text as text', async () => {
    for (const title of ["'; DROP TABLE experts; --", '1 OR 1=1 UNION SELECT * FROM users', '<script>alert(1)</script>锂电池', '%00\u200b']) {
      const res = await send(JSON.stringify({ title, description: "' OR ''='", policy: 'open' }));
      expect(res.statusCode, res.body).toBe(200);
    }
    // Control characters are refused (the shared text schema), never silently dropped.
    const control = await send(JSON.stringify({ title: '锂电池\u0000\u0007', policy: 'open' }));
    expect(control.statusCode).toBe(400);
    expect(control.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'title' }] });
    const stored = await send(JSON.stringify({ demandId: "x' OR '1'='1" }));
    expect(stored.statusCode).toBe(400);
    const stored2 = await send(JSON.stringify({ demandId: 'x--1;DROP' }));
    expect(stored2.statusCode).toBe(400);
    expect(t.repos.experts.count()).toBe(t.demo.experts.length);
  });

  it('never answers 5xx to thousands of generated bodies', async () => {
    const text = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 60 }),
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.constantFrom('锂电池热失控', '印染废水处理', "' OR 1=1 --", '\ud800', '\udc00x', '', ' ', 'a'.repeat(201), 'wz-dem-0001-1'),
    );
    const value: fc.Arbitrary<unknown> = fc.oneof(
      text,
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(text, { maxLength: 3 }),
      fc.dictionary(text, text, { maxKeys: 3 }),
    );
    const named = fc.record(
      { expertExternalId: fc.oneof(text, fc.constantFrom('wz-exp-00001', 'wz-exp-00002')), name: text, agreed: fc.oneof(fc.boolean(), value) },
      { requiredKeys: [] },
    );
    const problem = fc.oneof(
      fc.constantFrom('锂电池热失控', '印染废水处理', '数控机床热误差补偿', "'; DROP TABLE experts; --"),
      fc.string({ minLength: 1, maxLength: 80 }),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
    );
    const validish = fc.oneof(
      fc.record(
        {
          title: problem,
          description: fc.oneof(problem, fc.string({ maxLength: 300 })),
          expectedField: fc.string({ maxLength: 20 }),
          policy: fc.constantFrom('open', 'wenzhou-2025', 'hubei-2020', 'xinxiang-2025'),
          top: fc.integer({ min: 1, max: 100 }),
          namedCandidates: fc.array(fc.record({ expertExternalId: fc.constantFrom('wz-exp-00001', 'wz-exp-00007', 'wz-exp-00030'), agreed: fc.boolean() }), { maxLength: 2 }),
        },
        { requiredKeys: ['title', 'policy'] },
      ),
      fc.record({ title: problem, cycle: fc.constantFrom('wenzhou-demo', 'wenzhou-2024'), top: fc.integer({ min: 1, max: 100 }) }, { requiredKeys: ['title', 'cycle'] }),
      fc.record(
        {
          demandId: fc.constantFrom(...t.demo.demands.slice(0, 20).map((d) => d.externalId)),
          top: fc.integer({ min: 1, max: 100 }),
          policy: fc.constantFrom('open', 'wenzhou-2025'),
        },
        { requiredKeys: ['demandId'] },
      ),
    );
    const body = fc.oneof(
      validish,
      // Shaped like the real thing, with every field possibly wrong.
      fc.record(
        {
          title: fc.oneof(text, value),
          description: fc.oneof(text, value),
          expectedField: fc.oneof(text, value),
          region: fc.oneof(fc.constantFrom('330302', '110000', '999999'), value),
          enterpriseCreditCode: fc.oneof(text, value),
          namedCandidates: fc.oneof(fc.array(named, { maxLength: 3 }), value),
          policy: fc.oneof(fc.constantFrom('open', 'wenzhou-2025', 'hubei-2020', 'wenzhou-2025@1', 'nope'), value),
          cycle: fc.oneof(fc.constantFrom('wenzhou-demo', 'wenzhou-2024', 'nope'), value),
          top: fc.oneof(fc.integer({ min: -5, max: 120 }), value),
        },
        { requiredKeys: [] },
      ),
      fc.record(
        {
          demandId: fc.oneof(fc.constantFrom('wz-dem-0001-1', 'wz-dem-0002-1', 'nope'), text, value),
          top: fc.oneof(fc.integer({ min: 0, max: 101 }), value),
          cycle: value,
          policy: value,
        },
        { requiredKeys: [] },
      ),
      value,
      fc.anything({ maxDepth: 4 }),
    );
    let count = 0;
    let ranked = 0;
    await fc.assert(
      fc.asyncProperty(body, fc.boolean(), async (b, asStaff) => {
        count++;
        const res = await send(JSON.stringify(b) ?? 'null', asStaff ? staff : auth);
        expect(res.statusCode, `${res.statusCode} for ${JSON.stringify(b)?.slice(0, 300)}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
        if (res.statusCode >= 400) expectClientError(res);
        else ranked++;
      }),
      { numRuns: 3000, seed: 20260630 },
    );
    expect(count).toBe(3000);
    // Enough generated bodies were valid to exercise the ranking itself, not only the validator.
    expect(ranked).toBeGreaterThan(100);
  }, 120_000);
});
