import { ageAt } from './calendar';
import type { Subject } from './evaluation.types';
import type { PolicyRule, Relaxation } from './policy.schema';
import type { RelaxationCode } from './reason-codes';
import { findGradedService, isNamedAgreed } from './rules/pair.rules';
import { needs, type Needs, type Verdict } from './rules/rule.types';

export interface CompiledRelaxation {
  relaxation: Relaxation;
  code: RelaxationCode;
  needs: Needs;
  /** The relaxation's message when its condition holds for the rule's failed (or unknown) verdict, else undefined. */
  holds: (s: Subject, v: Verdict) => string | undefined;
}

export function compileRelaxation(r: Relaxation, rule: PolicyRule): CompiledRelaxation {
  switch (r.kind) {
    case 'namedAgreed': {
      // A bound on a relaxed age: beyond it (or when the age is not known) the relaxation does not hold.
      const upTo = rule.kind === 'expert.maxAge' ? r.upTo : undefined;
      return {
        relaxation: r,
        code: 'RELAXED_NAMED_AGREED',
        needs: needs(true, false, true),
        holds: ({ expert, demand, ctx }, v) => {
          if (!isNamedAgreed(demand!, expert!)) return undefined;
          if (upTo === undefined) return '企业有意向人选并已与其协商一致，可适当放宽，需人工复核';
          if (v.ok === null || !expert!.birthDate || ageAt(expert!.birthDate, ctx.referenceDate) > upTo) return undefined;
          return `企业有意向人选并已与其协商一致，可适当放宽（本策略放宽上限 ${upTo} 周岁），需人工复核并填写理由`;
        },
      };
    }
    case 'coreIp':
      return {
        relaxation: r,
        code: 'RELAXED_CORE_IP',
        needs: needs(true, false, false),
        holds: ({ expert }) => {
          const n = expert!.patents.reduce((k, p) => (p.type === 'invention' && p.status === 'granted' ? k + 1 : k), 0);
          return n >= r.minGrantedInventionPatents ? `拥有 ${n} 项已授权发明专利，视为拥有核心知识产权，可适当放宽，需人工复核（是否为企业急需紧缺人才）` : undefined;
        },
      };
    case 'renewal': {
      const grades = new Set<string>(r.grades);
      return {
        relaxation: r,
        code: 'RELAXED_RENEWAL',
        needs: needs(true, true, true),
        holds: ({ expert, enterprise, demand }) => {
          const s = findGradedService(expert!, enterprise!.creditCode, grades);
          return s && isNamedAgreed(demand!, expert!) ? `曾在该企业任科技副总且考核“${s.grade}”，双方同意继续合作，属续聘而非初聘，需人工复核` : undefined;
        },
      };
    }
    case 'advisory':
      return {
        relaxation: r,
        code: 'RELAXED_ADVISORY',
        needs: needs(false, false, false),
        holds: () => '该条款为原则性、倡导性要求，不直接排除，需人工复核',
      };
  }
}
