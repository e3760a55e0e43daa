import type { Subject } from './evaluation.types';
import type { Relaxation } from './policy.schema';
import type { RelaxationCode } from './reason-codes';
import { findGradedService, isNamedAgreed } from './rules/pair.rules';
import { needs, type Needs } from './rules/rule.types';

export interface CompiledRelaxation {
  relaxation: Relaxation;
  code: RelaxationCode;
  needs: Needs;
  /** The relaxation's message when its condition holds, else undefined. */
  holds: (s: Subject) => string | undefined;
}

export function compileRelaxation(r: Relaxation): CompiledRelaxation {
  switch (r.kind) {
    case 'namedAgreed':
      return {
        relaxation: r,
        code: 'RELAXED_NAMED_AGREED',
        needs: needs(true, false, true),
        holds: ({ expert, demand }) => (isNamedAgreed(demand!, expert!) ? '企业有意向人选并已与其协商一致，可适当放宽，需人工复核' : undefined),
      };
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
