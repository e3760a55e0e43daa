import { DEGREES, TITLE_LEVELS } from '../../intake/common.schema';
import { ageAt, yearsBefore } from '../calendar';
import type { RuleKind } from '../policy.schema';
import { INSTITUTION_TYPE_LABELS, PATENT_STATUS_LABELS, PATENT_TYPE_LABELS, regionName } from '../policy-labels';
import { isWithinRegion } from '../../intake/regions.data';
import { normalizeTerm } from '../text-match';
import { needs, unknown, verdict, type RuleCompilers } from './rule.types';

type ExpertKind = Extract<RuleKind, `expert.${string}`>;

// TITLE_LEVELS and DEGREES are listed highest first ('无' last).
const TITLE_RANK = new Map<string, number>(TITLE_LEVELS.map((t, i) => [t, TITLE_LEVELS.length - i]));
const DEGREE_RANK = new Map<string, number>(DEGREES.map((d, i) => [d, DEGREES.length - i]));
/** A sending unit registered as a company is not a 事业单位. */
const COMPANY = /有限(责任)?公司/;

const EXPERT_ONLY = needs(true, false, false);

/** Three-valued AND / OR: null is "not known". */
const and3 = (a: boolean | null, b: boolean | null): boolean | null => (a === false || b === false ? false : a === null || b === null ? null : true);

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
        const has = `职称 ${e.title ?? '未填'}、学位 ${e.degree ?? '未填'}`;
        const missing = new Set<string>();
        let open = false;
        for (const a of alts) {
          const titleOk = a.title === 0 ? true : e.title === undefined ? null : TITLE_RANK.get(e.title)! >= a.title;
          const degreeOk = a.degree === 0 ? true : e.degree === undefined ? null : DEGREE_RANK.get(e.degree)! >= a.degree;
          const ok = and3(titleOk, degreeOk);
          if (ok) return verdict(true, 'EXPERT_QUALIFICATION_OK', `${has}，满足“${a.label}”`);
          if (ok === null) {
            open = true;
            if (titleOk === null) missing.add('expert.title');
            if (degreeOk === null) missing.add('expert.degree');
          }
        }
        return open
          ? unknown('EXPERT_QUALIFICATION_UNKNOWN', [...missing], `${has}，无法核验是否满足${wanted}`)
          : verdict(false, 'EXPERT_QUALIFICATION_INSUFFICIENT', `${has}，不满足${wanted}`);
      },
    };
  },

  'expert.maxAge': (rule) => ({
    needs: EXPERT_ONLY,
    check: ({ expert, ctx }) => {
      const e = expert!;
      const ref = ctx.referenceDate;
      if (rule.firstAppointmentOnly) {
        // 初聘: an earlier appointment (any enterprise, any grade, not this cycle's own) makes this one not the first.
        const prior = e.serviceHistory.find((r) => (ctx.cycleId === undefined || r.cycle !== ctx.cycleId) && r.startDate <= ref);
        if (prior) {
          return verdict(
            true,
            'EXPERT_NOT_FIRST_APPOINTMENT',
            `曾于 ${prior.startDate} 起在企业 ${prior.enterpriseCreditCode} 担任科技副总${prior.grade ? `（考核“${prior.grade}”）` : ''}，本次不是初聘，不适用初聘年龄上限 ${rule.years} 周岁`,
          );
        }
      }
      if (!e.birthDate) return unknown('EXPERT_AGE_UNKNOWN', ['expert.birthDate'], `缺少出生日期，无法核验基准日 ${ref} 年龄是否超过 ${rule.years} 岁`);
      const age = ageAt(e.birthDate, ref);
      const first = rule.firstAppointmentOnly ? '初聘，' : '';
      return age <= rule.years
        ? verdict(true, 'EXPERT_AGE_OK', `${first}基准日 ${ref} 年龄 ${age} 岁，未超过 ${rule.years} 岁`)
        : verdict(false, 'EXPERT_TOO_OLD', `${first}基准日 ${ref} 年龄 ${age} 岁，超过 ${rule.years} 岁上限`);
    },
  }),

  'expert.minWorkYears': (rule) => ({
    needs: EXPERT_ONLY,
    check: ({ expert, ctx }) => {
      const e = expert!;
      const ref = ctx.referenceDate;
      const n = rule.years;
      if (e.workStartDate) {
        const years = ageAt(e.workStartDate, ref);
        return years >= n
          ? verdict(true, 'EXPERT_WORK_YEARS_OK', `${e.workStartDate} 参加工作，至基准日 ${ref} 已满 ${years} 年，满 ${n} 年`)
          : verdict(false, 'EXPERT_WORK_YEARS_INSUFFICIENT', `${e.workStartDate} 参加工作，至基准日 ${ref} 满 ${Math.max(0, years)} 年，不满 ${n} 年`);
      }
      if (e.workStartYear !== undefined) {
        // Only the year is known: the start lies between 1 January and 31 December of it.
        const least = ageAt(`${e.workStartYear}-12-31`, ref);
        const most = ageAt(`${e.workStartYear}-01-01`, ref);
        if (least >= n) return verdict(true, 'EXPERT_WORK_YEARS_OK', `${e.workStartYear} 年参加工作，至基准日 ${ref} 至少已满 ${least} 年，满 ${n} 年`);
        if (most < n) return verdict(false, 'EXPERT_WORK_YEARS_INSUFFICIENT', `${e.workStartYear} 年参加工作，至基准日 ${ref} 至多满 ${Math.max(0, most)} 年，不满 ${n} 年`);
        return unknown('EXPERT_WORK_YEARS_UNKNOWN', ['expert.workStartDate'], `${e.workStartYear} 年参加工作，至基准日 ${ref} 是否满 ${n} 年取决于具体日期`);
      }
      return unknown('EXPERT_WORK_YEARS_UNKNOWN', ['expert.workStartDate'], `缺少参加工作日期，无法核验是否满 ${n} 年`);
    },
  }),

  'expert.noBadRecord': (rule) => {
    const kinds = rule.kinds?.map(normalizeTerm);
    const what = rule.kinds ? `${rule.kinds.join('、')}等` : '任何';
    const counts = (kind: string) => !kinds || kinds.some((k) => normalizeTerm(kind).includes(k));
    return {
      needs: EXPERT_ONLY,
      check: ({ expert, ctx }) => {
        const since = yearsBefore(ctx.referenceDate, rule.withinYears);
        const hit = expert!.badRecords.find((b) => b.date >= since && counts(b.kind));
        if (hit) return verdict(false, 'EXPERT_BAD_RECORD', `${hit.date} 有“${hit.kind}”不良记录，在近 ${rule.withinYears} 年内（${since} 起）`);
        const older = expert!.badRecords.filter((b) => b.date < since && counts(b.kind)).map((b) => `${b.date}“${b.kind}”`);
        return verdict(
          true,
          'EXPERT_NO_BAD_RECORD',
          `近 ${rule.withinYears} 年内（${since} 起）无${what}不良记录${older.length ? `（${older.join('、')}早于 ${since}，不在期限内）` : ''}`,
        );
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
        const graded = expert!.serviceHistory.filter((r) => r.grade !== undefined && grades.has(r.grade));
        const s = graded.find((r) => (r.endDate ?? r.startDate) >= since);
        if (s) {
          return verdict(
            false,
            'EXPERT_RECENT_FAILED_GRADE',
            `${s.endDate ?? s.startDate} 结束的科技副总服务（企业 ${s.enterpriseCreditCode}）考核为“${s.grade}”，${rule.withinYears} 年内（${since} 起）不得再次申报`,
          );
        }
        const older = graded.map((r) => `${r.endDate ?? r.startDate} 结束的服务考核“${r.grade}”`);
        return verdict(
          true,
          'EXPERT_NO_RECENT_GRADE',
          `近 ${rule.withinYears} 年内（${since} 起）无考核${gradeText}的记录${older.length ? `（${older.join('、')}，早于 ${since}）` : ''}`,
        );
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
        const who = `派出单位“${inst.name}”（${INSTITUTION_TYPE_LABELS[inst.type]}，${region ? regionName(region) : '地区未填'}）`;
        if (rule.notCompany && COMPANY.test(normalizeTerm(inst.name))) {
          return verdict(false, 'EXPERT_INSTITUTION_NOT_ALLOWED', `${who}登记为公司，不是事业单位：${allowedText}`);
        }
        const typed = allowed.filter((a) => a.types.has(inst.type));
        if (typed.some((a) => !a.region)) return verdict(true, 'EXPERT_INSTITUTION_OK', `${who}符合派出单位条件`);
        if (typed.length === 0) return verdict(false, 'EXPERT_INSTITUTION_NOT_ALLOWED', `${who}不在允许范围：${allowedText}`);
        if (!region) return unknown('EXPERT_INSTITUTION_UNKNOWN', ['expert.institution.region'], `${who}，单位所在地决定是否符合：${allowedText}`);
        return typed.some((a) => isWithinRegion(region, a.region!))
          ? verdict(true, 'EXPERT_INSTITUTION_OK', `${who}符合派出单位条件`)
          : verdict(false, 'EXPERT_INSTITUTION_NOT_ALLOWED', `${who}不在允许范围：${allowedText}`);
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
