import type { Demand, Expert } from '../evaluation.types';
import type { RuleKind } from '../policy.schema';
import { normalizeTerm } from '../text-match';
import { needs, verdict, type RuleCompilers } from './rule.types';

type PairKind = Extract<RuleKind, `pair.${string}` | `demand.${string}`>;

const PARTY_LABELS = { founder: '创办', investor: '入股' } as const;

/** The demand lists this expert by external id and says both sides agreed (附件1 "是否已经协商一致"). */
export function isNamedAgreed(demand: Demand, expert: Expert): boolean {
  return demand.namedCandidates.some((c) => c.agreed && c.expertExternalId === expert.externalId);
}

export function findGradedService(expert: Expert, creditCode: string, grades: ReadonlySet<string>) {
  return expert.serviceHistory.find((s) => s.enterpriseCreditCode === creditCode && s.grade !== undefined && grades.has(s.grade));
}

export const pairRules: RuleCompilers<PairKind> = {
  'pair.conflictOfInterest': (rule) => {
    const kinds = new Set<string>(rule.partyKinds);
    return {
      needs: needs(true, true, false),
      check: ({ expert, enterprise }) => {
        const e = expert!;
        const inst = rule.includeInstitution ? normalizeTerm(e.institution.name) : undefined;
        for (const p of enterprise!.relatedParties) {
          if (!kinds.has(p.kind)) continue;
          if (p.expertExternalId === e.externalId) {
            return verdict(false, 'PAIR_CONFLICT_OF_INTEREST', `企业由申报人本人（${e.name}，${e.externalId}）${PARTY_LABELS[p.kind]}`);
          }
          if (inst && p.institutionName && normalizeTerm(p.institutionName) === inst) {
            return verdict(false, 'PAIR_CONFLICT_OF_INTEREST', `企业由申报人所在单位“${e.institution.name}”${PARTY_LABELS[p.kind]}`);
          }
        }
        return verdict(true, 'PAIR_NO_CONFLICT', `企业非申报人本人${rule.includeInstitution ? '或其所在单位' : ''}创办、入股`);
      },
    };
  },

  'pair.expertCapacity': (_rule, profile) => ({
    needs: needs(true, true, false),
    check: ({ enterprise, ctx }) => {
      const others = (ctx.assignedEnterprisesOfExpert ?? []).filter((c) => c !== enterprise!.creditCode);
      return others.length < profile.expertCapacity
        ? verdict(true, 'PAIR_EXPERT_CAPACITY_OK', `专家本批次已服务 ${others.length} 家其他企业，上限 ${profile.expertCapacity} 家`)
        : verdict(false, 'PAIR_EXPERT_AT_CAPACITY', `专家本批次已服务其他企业（${others.join('、')}），每名专家只能服务 ${profile.expertCapacity} 家企业`);
    },
  }),

  'pair.enterpriseCapacity': (_rule, profile) => ({
    needs: needs(true, true, false),
    check: ({ expert, ctx }) => {
      const others = (ctx.assignedExpertsOfEnterprise ?? []).filter((id) => id !== expert!.externalId);
      return others.length < profile.enterpriseCapacity
        ? verdict(true, 'PAIR_ENTERPRISE_CAPACITY_OK', `企业本批次已有 ${others.length} 名其他科技副总，上限 ${profile.enterpriseCapacity} 名`)
        : verdict(false, 'PAIR_ENTERPRISE_AT_CAPACITY', `企业本批次已有科技副总（${others.join('、')}），每家企业 ${profile.enterpriseCapacity} 名`);
    },
  }),

  'pair.namedAgreed': () => ({
    needs: needs(true, false, true),
    check: ({ expert, demand }) =>
      isNamedAgreed(demand!, expert!)
        ? verdict(true, 'PAIR_NAMED_AGREED', '企业已将该专家列为意向人选并协商一致')
        : verdict(false, 'PAIR_NOT_NAMED_AGREED', '企业未将该专家列为已协商一致的意向人选'),
  }),

  'pair.priorCooperation': () => ({
    needs: needs(true, true, false),
    check: ({ expert, enterprise }) => {
      const code = enterprise!.creditCode;
      const coop = expert!.cooperations.find((c) => c.enterpriseCreditCode === code);
      if (coop) return verdict(true, 'PAIR_PRIOR_COOPERATION', `专家与企业前期已有合作${coop.year ? `（${coop.year} 年）` : ''}${coop.note ? `：${coop.note}` : ''}`);
      const served = expert!.serviceHistory.find((s) => s.enterpriseCreditCode === code);
      return served
        ? verdict(true, 'PAIR_PRIOR_COOPERATION', `专家曾于 ${served.startDate} 起在该企业担任科技副总`)
        : verdict(false, 'PAIR_NO_PRIOR_COOPERATION', '未查到专家与企业的前期合作');
    },
  }),

  'pair.renewal': (rule) => {
    const grades = new Set<string>(rule.grades);
    return {
      needs: needs(true, true, true),
      check: ({ expert, enterprise, demand }) => {
        const s = findGradedService(expert!, enterprise!.creditCode, grades);
        return s && isNamedAgreed(demand!, expert!)
          ? verdict(true, 'PAIR_RENEWAL', `曾在该企业任科技副总且考核“${s.grade}”，双方同意继续合作，直接续聘`)
          : verdict(false, 'PAIR_NO_RENEWAL', '不属于考核优秀、双方同意继续合作的续聘');
      },
    };
  },

  'demand.providesConditions': () => ({
    needs: needs(false, false, true),
    check: ({ demand }) =>
      demand!.providesConditions
        ? verdict(true, 'DEMAND_PROVIDES_CONDITIONS', '企业承诺为科技副总提供必要的工作条件和服务保障')
        : verdict(false, 'DEMAND_NO_CONDITIONS', '企业未承诺为科技副总提供必要的工作条件和服务保障'),
  }),
};
