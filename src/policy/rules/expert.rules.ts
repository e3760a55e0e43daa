import { DEGREES, TITLE_LEVELS } from '../../intake/common.schema';
import { ageAt, yearOf, yearsBefore } from '../calendar';
import type { RuleKind } from '../policy.schema';
import { INSTITUTION_TYPE_LABELS, PATENT_STATUS_LABELS, PATENT_TYPE_LABELS, regionName } from '../policy-labels';
import { isWithinRegion } from '../../intake/regions.data';
import { normalizeTerm } from '../text-match';
import { needs, verdict, type RuleCompilers } from './rule.types';

type ExpertKind = Extract<RuleKind, `expert.${string}`>;

// TITLE_LEVELS and DEGREES are listed highest first.
const TITLE_RANK = new Map<string, number>(TITLE_LEVELS.map((t, i) => [t, TITLE_LEVELS.length - i]));
const DEGREE_RANK = new Map<string, number>(DEGREES.map((d, i) => [d, DEGREES.length - i]));

const EXPERT_ONLY = needs(true, false, false);

export const expertRules: RuleCompilers<ExpertKind> = {
  'expert.qualification': (rule) => {
    const alts = rule.anyOf.map((a) => ({
      title: a.title ? TITLE_RANK.get(a.title)! : 0,
      degree: a.degree ? DEGREE_RANK.get(a.degree)! : 0,
      label: [a.title && `${a.title}及以上职称`, a.degree && `${a.degree}及以上学位`].filter(Boolean).join('且'),
    }));
    const wanted = alts.map((a) => `“${a.label}”`).join('或');
    return {
      needs: EXPERT_ONLY,
      check: ({ expert }) => {
        const e = expert!;
        const t = e.title ? TITLE_RANK.get(e.title)! : 0;
        const d = e.degree ? DEGREE_RANK.get(e.degree)! : 0;
        const met = alts.find((a) => t >= a.title && d >= a.degree);
        const has = `职称 ${e.title ?? '无'}、学位 ${e.degree ?? '无'}`;
        return met ? verdict(true, 'EXPERT_QUALIFICATION_OK', `${has}，满足“${met.label}”`) : verdict(false, 'EXPERT_QUALIFICATION_INSUFFICIENT', `${has}，不满足${wanted}`);
      },
    };
  },

  'expert.maxAge': (rule) => ({
    needs: EXPERT_ONLY,
    check: ({ expert, ctx }) => {
      const age = ageAt(expert!.birthDate, ctx.referenceDate);
      return age <= rule.years
        ? verdict(true, 'EXPERT_AGE_OK', `基准日 ${ctx.referenceDate} 年龄 ${age} 岁，未超过 ${rule.years} 岁`)
        : verdict(false, 'EXPERT_TOO_OLD', `基准日 ${ctx.referenceDate} 年龄 ${age} 岁，超过 ${rule.years} 岁上限`);
    },
  }),

  'expert.minWorkYears': (rule) => ({
    needs: EXPERT_ONLY,
    check: ({ expert, ctx }) => {
      const start = expert!.workStartYear;
      if (start === undefined) return verdict(false, 'EXPERT_WORK_YEARS_UNKNOWN', `缺少参加工作年份，无法核验是否满 ${rule.years} 年`);
      const years = yearOf(ctx.referenceDate) - start;
      return years >= rule.years
        ? verdict(true, 'EXPERT_WORK_YEARS_OK', `${start} 年参加工作，至 ${yearOf(ctx.referenceDate)} 年已 ${years} 年，满 ${rule.years} 年`)
        : verdict(false, 'EXPERT_WORK_YEARS_INSUFFICIENT', `${start} 年参加工作，至 ${yearOf(ctx.referenceDate)} 年仅 ${years} 年，不满 ${rule.years} 年`);
    },
  }),

  'expert.noBadRecord': (rule) => {
    const kinds = rule.kinds?.map(normalizeTerm);
    const what = rule.kinds ? `${rule.kinds.join('、')}等` : '任何';
    return {
      needs: EXPERT_ONLY,
      check: ({ expert, ctx }) => {
        const since = yearsBefore(ctx.referenceDate, rule.withinYears);
        const hit = expert!.badRecords.find((b) => b.date >= since && (!kinds || kinds.some((k) => normalizeTerm(b.kind).includes(k))));
        return hit
          ? verdict(false, 'EXPERT_BAD_RECORD', `${hit.date} 有“${hit.kind}”不良记录，在近 ${rule.withinYears} 年内（${since} 起）`)
          : verdict(true, 'EXPERT_NO_BAD_RECORD', `近 ${rule.withinYears} 年内（${since} 起）无${what}不良记录`);
      },
    };
  },

  'expert.notCurrentlyServing': () => ({
    needs: EXPERT_ONLY,
    check: ({ expert, ctx }) => {
      const on = ctx.referenceDate;
      // This cycle's own appointments are capacity questions (pair.expertCapacity), not earlier service.
      const s = expert!.serviceHistory.find((r) => (ctx.cycleId === undefined || r.cycle !== ctx.cycleId) && r.startDate <= on && (r.endDate === undefined || r.endDate >= on));
      return s
        ? verdict(false, 'EXPERT_CURRENTLY_SERVING', `基准日 ${on} 仍在科技副总服务期内（企业 ${s.enterpriseCreditCode}，${s.startDate} 至 ${s.endDate ?? '未结束'}）`)
        : verdict(true, 'EXPERT_NOT_SERVING', `基准日 ${on} 未在科技副总服务期内`);
    },
  }),

  'expert.noRecentGrade': (rule) => {
    const grades = new Set<string>(rule.grades);
    const gradeText = rule.grades.map((g) => `“${g}”`).join('或');
    return {
      needs: EXPERT_ONLY,
      check: ({ expert, ctx }) => {
        const since = yearsBefore(ctx.referenceDate, rule.withinYears);
        const s = expert!.serviceHistory.find((r) => r.grade !== undefined && grades.has(r.grade) && (r.endDate ?? r.startDate) >= since);
        return s
          ? verdict(
              false,
              'EXPERT_RECENT_FAILED_GRADE',
              `${s.endDate ?? s.startDate} 结束的科技副总服务（企业 ${s.enterpriseCreditCode}）考核为“${s.grade}”，${rule.withinYears} 年内（${since} 起）不得再次申报`,
            )
          : verdict(true, 'EXPERT_NO_RECENT_GRADE', `近 ${rule.withinYears} 年内（${since} 起）无考核${gradeText}的记录`);
      },
    };
  },

  'expert.institution': (rule) => {
    const allowed = rule.allowed.map((a) => ({ types: new Set<string>(a.types), region: a.region }));
    const allowedText = rule.allowed.map((a) => `${a.types.map((t) => INSTITUTION_TYPE_LABELS[t]).join('/')}（${a.region ? `限${regionName(a.region)}` : '不限地区'}）`).join('；');
    return {
      needs: EXPERT_ONLY,
      check: ({ expert }) => {
        const inst = expert!.institution;
        // The institution's own region when known; otherwise the expert's (they work there).
        const region = inst.region ?? expert!.region;
        const ok = allowed.some((a) => a.types.has(inst.type) && (!a.region || isWithinRegion(region, a.region)));
        const who = `派出单位“${inst.name}”（${INSTITUTION_TYPE_LABELS[inst.type]}，${regionName(region)}）`;
        return ok ? verdict(true, 'EXPERT_INSTITUTION_OK', `${who}符合派出单位条件`) : verdict(false, 'EXPERT_INSTITUTION_NOT_ALLOWED', `${who}不在允许范围：${allowedText}`);
      },
    };
  },

  'expert.achievements': (rule) => {
    const types = new Set<string>(rule.patentTypes);
    const statuses = new Set<string>(rule.patentStatuses);
    const patentText = `${rule.patentStatuses.map((s) => PATENT_STATUS_LABELS[s]).join('/')}的${rule.patentTypes.map((t) => PATENT_TYPE_LABELS[t]).join('/')}`;
    return {
      needs: EXPERT_ONLY,
      check: ({ expert }) => {
        const e = expert!;
        const patents = e.patents.reduce((n, p) => (types.has(p.type) && statuses.has(p.status) ? n + 1 : n), 0);
        if (patents > 0) return verdict(true, 'EXPERT_ACHIEVEMENTS_OK', `拥有 ${patents} 项${patentText}`);
        const results = e.projects.length + e.papers.length;
        if (rule.researchResults && results > 0) {
          return verdict(true, 'EXPERT_ACHIEVEMENTS_OK', `拥有科研成果：科研项目 ${e.projects.length} 项、论文 ${e.papers.length} 篇`);
        }
        return verdict(false, 'EXPERT_NO_ACHIEVEMENTS', `无${patentText}${rule.researchResults ? '，也无科研项目或论文成果' : ''}`);
      },
    };
  },

  'expert.notPreviousCycles': (rule) => ({
    needs: needs(true, false, rule.scope === 'named'),
    check: ({ expert, demand, ctx }) => {
      const id = expert!.externalId;
      const cycles = ctx.previousCycleIds?.length ? `往期批次（${ctx.previousCycleIds.join('、')}）` : '往期批次';
      const served = ctx.previousCycleExpertIds?.has(id) ?? false;
      if (!served) return verdict(true, 'EXPERT_NOT_PREVIOUS_CYCLE', `未在${cycles}担任科技副总`);
      if (rule.scope === 'any') return verdict(false, 'EXPERT_PREVIOUS_CYCLE', `曾在${cycles}担任科技副总，本批次不再选派`);
      const named = demand!.namedCandidates.some((c) => c.expertExternalId === id);
      return named
        ? verdict(false, 'EXPERT_PREVIOUS_CYCLE_NAMED', `曾在${cycles}担任科技副总，不得列为期望专家备选人员`)
        : verdict(true, 'EXPERT_NOT_PREVIOUS_CYCLE', `曾在${cycles}担任科技副总，但未被企业列为期望专家备选人员`);
    },
  }),
};
