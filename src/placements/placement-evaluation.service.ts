import { AppError } from '../shared/errors';
import { PlacementCore } from './placement-core';
import { type PlacementBundle, evaluationOpensOn, settingsOf, toEvaluation } from './placement-view.builder';
import type { AssessmentInput, GradeConfirmInput, GradeInput, PlacementDetail } from './placement.schema';
import type { EvaluationSteps, PlacementCaller } from './placement.types';
import { addMonths } from './term-dates';

/**
 * Term evaluation (Wenzhou 六(二) 期满评价 优秀/合格/不合格, 由各县（市、区）科技部门牵头; Xinxiang 六(四) 县提出考核初步意见，
 * 报市审核; Liaocheng 第十七条 年度述职 and 绩效考核 in four grades): the enterprise assesses (Xinxiang 一 由被服务企业
 * 进行评价考核), the county grades with a reason, the city confirms or returns it. A confirmed term grade becomes the
 * placement's grade, which the rules read (不合格 → the ban of a profile that has one; 优秀 → renewal).
 */
export class PlacementEvaluationService extends PlacementCore implements EvaluationSteps {
  assess(id: number, input: AssessmentInput, caller: PlacementCaller): PlacementDetail {
    return this.deps.placements.transaction(() => {
      const b = this.load(id, caller);
      this.assertState(b, ['active'], '评价（三方协议备案后、服务期内）');
      this.assertParty(b, caller, ['enterprise']);
      const ev = this.evaluationSettings(b);
      this.assertGrade(ev.grades, input.grade);
      const year = this.periodOf(b, input);
      if (this.deps.activity.findEvaluation(id, input.kind, year)) {
        throw new AppError('PLACEMENT_STATE_CONFLICT', input.kind === 'term' ? '企业已提交期满评价' : `企业已提交第 ${year} 年度评价`);
      }
      const row = this.deps.activity.insertEvaluation({
        placementId: id,
        kind: input.kind,
        year,
        status: 'assessed',
        enterpriseGrade: input.grade,
        enterpriseComment: input.comment,
        enterpriseBy: caller.actor.actor,
        enterpriseAt: this.now(),
      });
      this.audit(
        caller,
        'placement.evaluation.assess',
        b.p,
        {},
        { evaluationId: row.id, kind: row.kind, year: input.kind === 'term' ? null : year, enterpriseGrade: row.enterpriseGrade, status: row.status },
      );
      this.notify(
        b.p,
        'placement.evaluation.assessed',
        '企业已提交评价，待区县评定',
        `${b.p.enterpriseName ?? b.p.enterpriseCreditCode} 对 ${b.p.expertName} 的评价为“${input.grade}”，请区县科技部门评定等次。`,
        { county: true },
      );
      return this.detail(id, caller);
    });
  }

  grade(id: number, evaluationId: number, input: GradeInput, caller: PlacementCaller): PlacementDetail {
    return this.deps.placements.transaction(() => {
      const b = this.load(id, caller);
      this.assertCounty(caller);
      const e = this.deps.activity.getEvaluation(id, evaluationId);
      if (!e) throw new AppError('NOT_FOUND', `评价 ${evaluationId} 不存在`);
      if (e.status !== 'assessed' && e.status !== 'returned') throw new AppError('PLACEMENT_STATE_CONFLICT', '该评价已评定等次，待市级确认或已确认');
      this.assertGrade(this.evaluationSettings(b).grades, input.grade);
      const saved = this.deps.activity.updateEvaluation(evaluationId, {
        status: 'graded',
        countyGrade: input.grade,
        countyReason: input.reason,
        countyBy: caller.actor.actor,
        countyAt: this.now(),
      });
      this.audit(
        caller,
        'placement.evaluation.grade',
        b.p,
        { evaluationId, status: e.status, countyGrade: e.countyGrade },
        { evaluationId, status: saved.status, countyGrade: saved.countyGrade, countyReason: saved.countyReason },
        input.reason,
      );
      return this.detail(id, caller);
    });
  }

  confirmGrade(id: number, evaluationId: number, input: GradeConfirmInput, caller: PlacementCaller): PlacementDetail {
    return this.deps.placements.transaction(() => {
      const b = this.load(id, caller);
      this.assertCity(caller);
      const e = this.deps.activity.getEvaluation(id, evaluationId);
      if (!e) throw new AppError('NOT_FOUND', `评价 ${evaluationId} 不存在`);
      if (e.status !== 'graded') throw new AppError('PLACEMENT_STATE_CONFLICT', '只有区县已评定等次的评价才能确认或退回');
      const at = this.now();
      if (input.action === 'return') {
        const saved = this.deps.activity.updateEvaluation(evaluationId, { status: 'returned', returnNote: input.note, cityBy: null, cityAt: null, cityNote: null });
        this.audit(
          caller,
          'placement.evaluation.return',
          b.p,
          { evaluationId, status: e.status },
          { evaluationId, status: saved.status, returnNote: saved.returnNote },
          input.note,
        );
        this.notify(b.p, 'placement.evaluation.returned', '评价等次被市级退回', `市级退回了 ${b.p.expertName} 的评价等次：${input.note}`, { county: true });
        return this.detail(id, caller);
      }
      const saved = this.deps.activity.updateEvaluation(evaluationId, {
        status: 'confirmed',
        cityBy: caller.actor.actor,
        cityAt: at,
        cityNote: input.note ?? null,
        returnNote: null,
      });
      const before: Record<string, unknown> = { evaluationId, status: e.status };
      const after: Record<string, unknown> = { evaluationId, status: saved.status, grade: saved.countyGrade };
      if (e.kind === 'term') {
        // The term grade is a fact of the expert's service from now on: the rules and their caches read it.
        this.deps.placements.update(id, { state: 'evaluated', grade: saved.countyGrade });
        this.deps.placements.touchExpert(b.p.expertId);
        Object.assign(before, { state: b.p.state, placementGrade: b.p.grade });
        Object.assign(after, { state: 'evaluated', placementGrade: saved.countyGrade });
      }
      this.audit(caller, 'placement.evaluation.confirm', b.p, before, after, input.note);
      const grade = toEvaluation(saved).county!.grade;
      this.notify(
        b.p,
        'placement.evaluation.confirmed',
        `评价结果：${grade}`,
        `${b.p.expertName} 在 ${b.p.enterpriseName ?? b.p.enterpriseCreditCode} 的${e.kind === 'term' ? '期满' : `第 ${e.year} 年度`}评价经市级确认为“${grade}”。`,
        {
          enterprise: true,
          expert: true,
          county: true,
        },
      );
      return this.detail(id, caller);
    });
  }

  private evaluationSettings(b: PlacementBundle) {
    const ev = settingsOf(b.profile).evaluation;
    if (!ev) throw new AppError('STEP_NOT_IN_POLICY', '本选派记录所依据的政策未规定考核评价');
    return ev;
  }

  private assertGrade(grades: readonly string[], grade: string): void {
    if (!grades.includes(grade)) throw new AppError('VALIDATION_FAILED', `等次只能为 ${grades.join('、')}`, [{ field: 'grade', message: `等次只能为 ${grades.join('、')}` }]);
  }

  /** The stored period: 0 for the term (open from evaluationOpensOn), the service year for an annual one (open from its last month). */
  private periodOf(b: PlacementBundle, input: AssessmentInput): number {
    const ev = this.evaluationSettings(b);
    const today = this.today();
    if (input.kind === 'term') {
      const opens = evaluationOpensOn(b);
      if (!opens || today < opens)
        throw new AppError('EVALUATION_NOT_OPEN', `期满评价自 ${opens ?? '服务期满前'} 起开展（${ev.clause.document} ${ev.clause.article}）`, { opensOn: opens });
      return 0;
    }
    if (!ev.annual) throw new AppError('STEP_NOT_IN_POLICY', '本选派记录所依据的政策未规定年度考核，只进行期满评价');
    const year = input.year ?? 1;
    const yearEnd = addMonths(b.p.termStart, year * 12);
    const opens = addMonths(yearEnd, -Math.max(ev.opensMonthsBeforeEnd, 1));
    if (b.p.termEnd && yearEnd > addMonths(b.p.termEnd, 1))
      throw new AppError('VALIDATION_FAILED', `服务期内没有第 ${year} 个服务年度`, [{ field: 'year', message: '年度超出服务期' }]);
    if (today < opens)
      throw new AppError('EVALUATION_NOT_OPEN', `第 ${year} 年度评价自 ${opens} 起开展（${ev.annual.clause.document} ${ev.annual.clause.article}）`, { opensOn: opens });
    return year;
  }
}
