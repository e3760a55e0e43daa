// A few forms waiting in 鹿城区's intake queue, so the demo shows the county's check before matching
// (Wenzhou 四(一): 经科技部门审核后入库): two submitted demands (one with a too-short problem text), one
// returned with its reason, and an expert filed twice (same name, institution and birth date).
import type { IntakeReviewService } from '../intake/intake-review.service';
import type { IntakeService } from '../intake/intake.service';
import type { Transaction } from '../shared/transaction.port';
import type { DemoData } from './demo-data.generator';

export const DEMO_QUEUE_REGION = '330302';
const PORTAL = { by: { actor: 'portal:demo-online-form', actorRole: 'portal' } };
const REVIEWER = { actor: 'system:demo-seed', actorRole: 'reviewer' };
export const DEMO_RETURN_REASON = '请补充关键技术指标（温度、精度、产能）和现有工艺条件后重新提交';

export type ReviewQueueDeps = {
  intake: Pick<IntakeService, 'saveDemand' | 'saveExpert'>;
  intakeReview: Pick<IntakeReviewService, 'decideByKey'>;
  transaction: Transaction;
};

/** Adds the queue's forms (idempotent: an unchanged re-run stores and decides nothing); returns how many were new. */
export function seedReviewQueue(deps: ReviewQueueDeps, data: DemoData): number {
  const local = new Set(data.enterprises.filter((e) => e.region === DEMO_QUEUE_REGION).map((e) => e.creditCode));
  const demands = data.demands.filter((d) => local.has(d.enterpriseCreditCode)).slice(0, 3);
  const expert = data.experts.find((e) => e.region === DEMO_QUEUE_REGION && e.birthDate);
  let added = 0;
  deps.transaction(() => {
    const save = (d: (typeof demands)[number], suffix: string, over: Partial<(typeof demands)[number]>) => {
      const r = deps.intake.saveDemand({ ...d, externalId: `${d.externalId}-${suffix}`, namedCandidates: [], ...over }, PORTAL);
      if (r.ok && r.status === 'inserted') added++;
      return r.ok && r.status === 'inserted';
    };
    if (demands[0]) save(demands[0], 'q1', { title: `${demands[0].title}（二期）` });
    if (demands[1]) save(demands[1], 'q2', { description: '需要技术支持，提升产品质量。' });
    if (demands[2] && save(demands[2], 'q3', { title: `${demands[2].title}（新增）` })) {
      deps.intakeReview.decideByKey('demands', `${demands[2].externalId}-q3`, 'return', REVIEWER, DEMO_RETURN_REASON);
    }
    if (expert) {
      const r = deps.intake.saveExpert({ ...expert, externalId: `${expert.externalId}-dup` }, PORTAL);
      if (r.ok && r.status === 'inserted') added++;
    }
  });
  return added;
}
