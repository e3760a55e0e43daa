import { isWithinRegion } from '../../intake/regions.data';
import { yearsBefore } from '../calendar';
import type { RuleKind } from '../policy.schema';
import { RD_LEVEL_LABELS, regionLabel, regionName } from '../policy-labels';
import { compileList, compileTerms, findExact, findTerm } from '../text-match';
import { needs, unknown, verdict, type RuleCompilers } from './rule.types';

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
      if (!at) return unknown('ENTERPRISE_REGISTERED_UNKNOWN', ['enterprise.registeredAt'], `缺少注册日期，无法核验至基准日 ${ctx.referenceDate} 是否满 ${rule.years} 年`);
      return at <= latest
        ? verdict(true, 'ENTERPRISE_REGISTERED_OK', `注册于 ${at}，至基准日 ${ctx.referenceDate} 已满 ${rule.years} 年（不晚于 ${latest} 即满）`)
        : verdict(false, 'ENTERPRISE_TOO_NEW', `注册于 ${at}，至基准日 ${ctx.referenceDate} 不满 ${rule.years} 年（应不晚于 ${latest}）`);
    },
  }),

  'enterprise.noSeriousIssues': (rule) => {
    const what = rule.anyBadCredit ? '重大违法违规行为或不良信用记录' : rule.seriousOnly ? '严重失信或重大违法违规' : '失信或违法违规';
    return {
      needs: ENTERPRISE_ONLY,
      check: ({ enterprise, ctx }) => {
        const since = yearsBefore(ctx.referenceDate, rule.withinYears);
        const recent = enterprise!.creditIssues.filter((i) => i.date >= since);
        const window = `在近 ${rule.withinYears} 年内（${since} 起）`;
        const serious = recent.find((i) => !rule.seriousOnly || i.serious);
        if (serious) return verdict(false, 'ENTERPRISE_SERIOUS_ISSUE', `${serious.date} 有${serious.serious ? '严重' : ''}记录“${serious.kind}”，${window}`);
        if (rule.anyBadCredit) {
          // 重大 qualifies the violations only: any bad credit record counts, however minor.
          const bad = recent.find((i) => i.category === 'bad_credit');
          if (bad) return verdict(false, 'ENTERPRISE_BAD_CREDIT_RECORD', `${bad.date} 有不良信用记录“${bad.kind}”，${window}（不良信用记录不论轻重）`);
          const open = recent.find((i) => i.category === undefined);
          if (open) {
            return unknown(
              'ENTERPRISE_CREDIT_UNKNOWN',
              ['enterprise.creditIssues.category'],
              `${open.date} 有非严重记录“${open.kind}”，${window}，未注明是违法违规行为还是不良信用记录`,
            );
          }
        }
        const rest = enterprise!.creditIssues.map((i) => `${i.date}“${i.kind}”${i.date < since ? '早于期限' : i.serious ? '' : '非严重'}`);
        return verdict(true, 'ENTERPRISE_NO_SERIOUS_ISSUES', `近 ${rule.withinYears} 年内（${since} 起）无${what}${rest.length ? `（${rest.join('；')}）` : ''}`);
      },
    };
  },

  'enterprise.qualifications': (rule) => {
    const list = compileList(rule.anyOf);
    const listed = `${rule.anyOf.map((t) => t.name).join('、')}${rule.openEnded ? '等' : ''}`;
    return {
      needs: ENTERPRISE_ONLY,
      check: ({ enterprise }) => {
        const quals = enterprise!.qualifications;
        const hit = findExact(quals, list);
        if (hit) return verdict(true, 'ENTERPRISE_QUALIFIED', `企业具有“${hit.value}”（即所列“${hit.term}”）`);
        if (rule.openEnded && quals.length > 0) {
          // The list ends in 等: a qualification not on it may be of the same kind, which a person decides.
          return unknown(
            'ENTERPRISE_QUALIFICATION_UNLISTED',
            ['enterprise.qualifications'],
            `企业资质（${quals.join('、')}）不是所列资质（${listed}），文件列举以“等”结尾，是否属同类需人工认定`,
          );
        }
        return verdict(false, 'ENTERPRISE_QUALIFICATION_MISSING', `企业资质（${quals.join('、') || '无'}）不含所列资质之一：${listed}`);
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
      const large = `大型企业标准（${rule.maxEmployees} 人及以上且 ${rule.maxRevenue} 万元及以上）`;
      // 中小微 when either figure is below its threshold; large only when both reach theirs.
      if ((employees !== undefined && employees < rule.maxEmployees) || (revenue !== undefined && revenue < rule.maxRevenue)) {
        return verdict(true, 'ENTERPRISE_SME_OK', `${shown}，未达到${large}，属于中小微企业`);
      }
      if (employees !== undefined && revenue !== undefined) {
        return verdict(false, 'ENTERPRISE_NOT_SME', `${shown}，达到${large}，不属于中小微企业`);
      }
      const missing = [...(employees === undefined ? ['enterprise.employees'] : []), ...(revenue === undefined ? ['enterprise.revenue'] : [])];
      return unknown('ENTERPRISE_SIZE_UNKNOWN', missing, `${shown}，无法判断是否达到${large}`);
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
