// npm run match -- --file DEMANDS.jsonl [--top N] [--policy ID|open]
//
// Batch matching: one demand per line, in the body format of POST /v1/match plus an "id" — an ad-hoc problem
// ({id, title, description, expectedField, region, namedCandidates, cycle|policy}) or a stored one ({id, demandId}).
// Prints one JSON line per demand: {id, candidates:[{expertId, score}]} (expertId = the expert's external id),
// or {id, error:{code, message}} for a line that cannot be ranked. A line without cycle or policy uses --policy,
// and 'open' (no eligibility rules) when that is not given either. Logs and timings go to stderr.
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { readJsonLines } from '../src/intake/import-file.reader';
import { MATCH_TOP_MAX } from '../src/ranking/match.schema';
import { adHocMatchSchema, storedMatchSchema } from '../src/ranking/match.schema';
import type { RankQuery } from '../src/ranking/ranker.port';
import { AppError } from '../src/shared/errors';
import { fail, openCli, writeJsonLine } from './lib/cli';

const USAGE = 'usage: npm run match -- --file DEMANDS.jsonl [--top N] [--policy ID|open]';

const { values } = parseArgs({ options: { file: { type: 'string' }, top: { type: 'string' }, policy: { type: 'string' } } });
if (!values.file) fail(USAGE);
if (!existsSync(values.file)) fail(`文件不存在：${values.file}`);
const top = values.top === undefined ? 10 : Number(values.top);
if (!Number.isInteger(top) || top < 1 || top > MATCH_TOP_MAX) fail(`--top 应为 1–${MATCH_TOP_MAX} 的整数\n${USAGE}`);

const idSchema = z.object({ id: z.union([z.string().min(1).max(200), z.number()]).transform(String) });
// A line's own top wins over --top; without cycle or policy the --policy default applies (then 'open').
const withDefaults = (r: unknown) => {
  const o = (r && typeof r === 'object' && !Array.isArray(r) ? r : {}) as Record<string, unknown>;
  return { top, ...o, ...(o.cycle === undefined && o.policy === undefined ? { policy: values.policy ?? 'open' } : {}) };
};
const lineSchema = z.union([storedMatchSchema.extend(idSchema.shape), adHocMatchSchema.and(idSchema)]);

const cli = openCli('match');
const t0 = performance.now();
const { retrieval, ranker } = await cli.runtime.matching();
const synced = await retrieval.sync();
const warm = ranker.warm();
process.stderr.write(
  `${JSON.stringify({ step: 'ready', seconds: Math.round((performance.now() - t0) / 100) / 10, evidence: synced.evidence, textsEmbedded: synced.textsEmbedded, warmMs: warm.ms })}\n`,
);

let failed = 0;
let ranked = 0;
const started = performance.now();
for (const row of readJsonLines(readFileSync(values.file, 'utf8'))) {
  const rawId = (row.record as { id?: unknown } | undefined)?.id;
  const id = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : `line-${row.line}`;
  if (row.errors) {
    failed++;
    writeJsonLine({ id, error: { code: 'INVALID_JSON', message: row.errors[0].message } });
    continue;
  }
  const parsed = lineSchema.safeParse(withDefaults(row.record));
  if (!parsed.success) {
    failed++;
    const issue = parsed.error.issues[0];
    writeJsonLine({ id, error: { code: 'VALIDATION_FAILED', message: `${issue.path.join('.') || '(line)'}: ${issue.message}` } });
    continue;
  }
  const body = parsed.data;
  const query: RankQuery =
    'demandId' in body
      ? { demandId: body.demandId, title: '', description: '', expectedField: '', namedCandidates: [] }
      : {
          title: body.title,
          description: body.description,
          expectedField: body.expectedField,
          region: body.region,
          enterpriseCreditCode: body.enterpriseCreditCode,
          namedCandidates: body.namedCandidates,
        };
  try {
    const res = await ranker.rank(query, { policy: body.policy, cycleId: body.cycle, top: body.top });
    writeJsonLine({ id: body.id, candidates: res.candidates.map((c) => ({ expertId: c.expertId, score: c.score })) });
    ranked++;
  } catch (err) {
    if (!(err instanceof AppError) || err.statusCode >= 500) throw err;
    failed++;
    writeJsonLine({ id: body.id, error: { code: err.code, message: err.message } });
  }
}
const seconds = (performance.now() - started) / 1000;
process.stderr.write(
  `${JSON.stringify({ step: 'done', ranked, failed, seconds: Math.round(seconds * 10) / 10, msPerDemand: ranked ? Math.round((seconds * 1000 * 10) / ranked) / 10 : null })}\n`,
);
await cli.close();
process.exit(failed ? 1 : 0);
