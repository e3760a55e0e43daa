import { isWithinRegion } from '../../intake/regions.data';
import { yearsBefore } from '../calendar';
import type { RuleKind } from '../policy.schema';
import { RD_LEVEL_LABELS, regionLabel, regionName } from '../policy-labels';
import { compileTerms, findTerm } from '../text-match';
import { needs, verdict, type RuleCompilers } from './rule.types';

type EnterpriseKind = Extract<RuleKind, `enterprise.${string}`>;

const ENTERPRISE_ONLY = needs(false, true, false);
const LEVEL_RANK: Record<string, number> = { national: 3, provincial: 2, municipal: 1, other: 0 };

export const enterpriseRules: RuleCompilers<EnterpriseKind> = {
  'enterprise.region': (rule) => {
    const where = regionName(rule.regionCode);
    return {
      needs: ENTERPRISE_ONLY,
      check: ({ enterprise }) => {
        const at = regionLabel(enterprise!.region);
        return isWithinRegion(enterprise!.region, rule.regionCode)
          ? verdict(true, 'ENTERPRISE_REGION_OK', `企业注册地${at}在${where}范围内`)
          : verdict(false, 'ENTERPRISE_OUTSIDE_JURISDICTION', `企业注册地${at}不在${where}范围内`);
      },
    };
  },

  'enterprise.minRegisteredYears': (rule) => ({
    needs: ENTERPRISE_ONLY,
    check: ({ enterprise, ctx }) => {
      const latest = yearsBefore(ctx.referenceDate, rule.years);
      const at = enterprise!.registeredAt;
      return at <= latest
        ? verdict(true, 'ENTERPRISE_REGISTERED_OK', `注册于 ${at}，至基准日 ${ctx.referenceDate} 已满 ${rule.years} 年`)
        : verdict(false, 'ENTERPRISE_TOO_NEW', `注册于 ${at}，至基准日 ${ctx.referenceDate} 不满 ${rule.years} 年（应不晚于 ${latest}）`);
    },
  }),

  'enterprise.noSeriousIssues': (rule) => {
    const what = rule.seriousOnly ? '严重失信或重大违法违规' : '失信或违法违规';
    return {
      needs: ENTERPRISE_ONLY,
      check: ({ enterprise, ctx }) => {
        const since = yearsBefore(ctx.referenceDate, rule.withinYears);
        const hit = enterprise!.creditIssues.find((i) => i.date >= since && (!rule.seriousOnly || i.serious));
        return hit
          ? verdict(false, 'ENTERPRISE_SERIOUS_ISSUE', `${hit.date} 有${what}记录“${hit.kind}”，在近 ${rule.withinYears} 年内（${since} 起）`)
          : verdict(true, 'ENTERPRISE_NO_SERIOUS_ISSUES', `近 ${rule.withinYears} 年内（${since} 起）无${what}记录`);
      },
    };
  },

  'enterprise.qualifications': (rule) => {
    const terms = compileTerms(rule.anyOf);
    const listed = rule.anyOf.map((t) => t.name).join('、');
    return {
      needs: ENTERPRISE_ONLY,
      check: ({ enterprise }) => {
        const quals = enterprise!.qualifications;
        const hit = findTerm(quals, terms);
        return hit
          ? verdict(true, 'ENTERPRISE_QUALIFIED', `企业具有“${hit.value}”（属于“${hit.term}”）`)
          : verdict(false, 'ENTERPRISE_QUALIFICATION_MISSING', `企业资质（${quals.join('、') || '无'}）不含所列资质之一：${listed}`);
      },
    };
  },

  'enterprise.noPriorTechVp': () => ({
    needs: ENTERPRISE_ONLY,
    check: ({ ctx }) =>
      ctx.enterpriseHadTechVp
        ? verdict(false, 'ENTERPRISE_HAD_TECH_VP', '该企业已选派过科技副总，原则上不再安排')
        : verdict(true, 'ENTERPRISE_NO_PRIOR_TECH_VP', '未查到该企业此前选派科技副总的记录'),
  }),

  'enterprise.sme': (rule) => ({
    needs: ENTERPRISE_ONLY,
    check: ({ enterprise }) => {
      const { employees, revenue } = enterprise!;
      const shown = `${employees === undefined ? '从业人员未填' : `从业人员 ${employees} 人`}、${revenue === undefined ? '上年营业收入未填' : `上年营业收入 ${revenue} 万元`}`;
      // Large only when both thresholds are reached; a missing figure cannot show that.
      const large = employees !== undefined && revenue !== undefined && employees >= rule.maxEmployees && revenue >= rule.maxRevenue;
      return large
        ? verdict(false, 'ENTERPRISE_NOT_SME', `${shown}，达到大型企业标准（${rule.maxEmployees} 人及以上且 ${rule.maxRevenue} 万元及以上），不属于中小微企业`)
        : verdict(true, 'ENTERPRISE_SME_OK', `${shown}，未达到大型企业标准（${rule.maxEmployees} 人及以上且 ${rule.maxRevenue} 万元及以上）`);
    },
  }),

  'enterprise.rdInstitution': (rule) => {
    const min = rule.minLevel ? LEVEL_RANK[rule.minLevel] : -1;
    const wanted = rule.minLevel ? `${RD_LEVEL_LABELS[rule.minLevel]}及以上研发机构（创新平台）` : '研发机构';
    return {
      needs: ENTERPRISE_ONLY,
      check: ({ enterprise }) => {
        const hit = enterprise!.rdInstitutions.find((r) => (r.level ? LEVEL_RANK[r.level] : 0) >= min);
        return hit
          ? verdict(true, 'ENTERPRISE_HAS_RD_INSTITUTION', `建有${wanted}：${hit.name}${hit.level ? `（${RD_LEVEL_LABELS[hit.level]}）` : ''}`)
          : verdict(false, 'ENTERPRISE_NO_RD_INSTITUTION', `未建有${wanted}`);
      },
    };
  },

  'enterprise.industry': (_rule, profile) => {
    const terms = compileTerms(profile.priorityIndustries);
    return {
      needs: ENTERPRISE_ONLY,
      check: ({ enterprise }) => {
        const hit = findTerm([enterprise!.industry], terms);
        return hit
          ? verdict(true, 'ENTERPRISE_PRIORITY_INDUSTRY', `行业“${enterprise!.industry}”属于重点产业“${hit.term}”`)
          : verdict(false, 'ENTERPRISE_OTHER_INDUSTRY', `行业“${enterprise!.industry}”不在重点产业之列`);
      },
    };
  },
};
