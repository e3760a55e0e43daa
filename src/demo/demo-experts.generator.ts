// One synthetic researcher in the import format: an intention form (专家意向表) plus the projects, patents and
// papers the Wenzhou plan builds portraits from. Title, degree and evidence follow age and institution type.
import type { ExpertInput } from '../intake/expert.schema';
import { birthDateForAge } from './dates';
import { INSTITUTIONS, type DemoInstitution } from './institutions.data';
import { HONOURS_JUNIOR, HONOURS_MID, HONOURS_SENIOR } from './people.data';
import { composeMaskedMobile, composePersonName } from './person.composer';
import type { Rng } from './prng';
import { EXPERT_DOMAIN_WEIGHTS, getDomain, type ResearchDomain } from './research-domains.data';
import { composePaper, composePatent, composeProject, type EvidenceContext, type PatentInput } from './research-text.composer';

type Title = NonNullable<ExpertInput['title']>;
type Degree = NonNullable<ExpertInput['degree']>;

export type ExpertSpec = {
  domainKey?: string;
  age?: number;
  birthDate?: string;
  title?: Title;
  degree?: Degree;
  institution?: DemoInstitution;
  workStartYear?: number;
  /**
   * A clean, qualified profile (博士, ≥副高, 35–44, several years' work, a granted invention patent) so an
   * edge case built on it breaks exactly the one rule it is about.
   */
  qualified?: boolean;
  /** Draw the institution from those in Wenzhou (implied by `qualified`). */
  local?: boolean;
  /** 'none': no granted invention patent (no core-IP relaxation); 'some': at least one. */
  grantedInvention?: 'none' | 'some';
};

export type GeneratedExpert = { record: ExpertInput; domainKeys: string[] };

function chooseInstitution(r: Rng, domainKey: string, local: boolean): DemoInstitution {
  const pool = local ? INSTITUTIONS.filter((i) => i.region.startsWith('3303')) : INSTITUTIONS;
  const fitting = pool.filter((i) => i.strengths.includes(domainKey));
  return r.weighted((fitting.length ? fitting : pool).map((i) => [i, i.weight] as const));
}

function chooseDegree(r: Rng, inst: DemoInstitution, age: number): Degree {
  const degree = r.weighted<Degree>(
    inst.type === 'vocational_school'
      ? [
          ['博士', 3],
          ['硕士', 5.5],
          ['学士', 1.5],
        ]
      : [
          ['博士', 7.5],
          ['硕士', 2],
          ['学士', 0.5],
        ],
  );
  return degree === '博士' && age < 29 ? '硕士' : degree;
}

function chooseTitle(r: Rng, age: number, inst: DemoInstitution): Title {
  const shift = inst.type === 'vocational_school' ? 3 : 0; // titles come a little later at vocational schools
  const a = age - shift;
  if (a < 32)
    return r.weighted<Title>([
      ['中级', 8],
      ['初级', 2],
    ]);
  if (a < 39)
    return r.weighted<Title>([
      ['中级', 5],
      ['副高级', 4.5],
      ['正高级', 0.5],
    ]);
  if (a < 46)
    return r.weighted<Title>([
      ['中级', 1],
      ['副高级', 5.5],
      ['正高级', 3.5],
    ]);
  return r.weighted<Title>([
    ['中级', 0.5],
    ['副高级', 4],
    ['正高级', 5.5],
  ]);
}

function chooseHonours(r: Rng, title: Title): string[] {
  if (title === '正高级' && r.chance(0.35)) return [r.pick(r.chance(0.4) ? HONOURS_SENIOR : HONOURS_MID)];
  if (title === '副高级' && r.chance(0.2)) return [r.pick(r.chance(0.6) ? HONOURS_MID : HONOURS_JUNIOR)];
  if (title === '中级' && r.chance(0.08)) return [r.pick(HONOURS_JUNIOR)];
  return [];
}

/** Age 27–56, most between 35 and 48 (mean of three uniforms). */
function drawAge(r: Rng): number {
  return 27 + Math.floor(((r.float() + r.float() + r.float()) / 3) * 30);
}

export function generateExpert(r: Rng, externalId: string, ctx: Omit<EvidenceContext, 'firstYear'>, spec: ExpertSpec = {}): GeneratedExpert {
  const primary = getDomain(spec.domainKey ?? r.weighted(EXPERT_DOMAIN_WEIGHTS));
  const institution = spec.institution ?? chooseInstitution(r, primary.key, !!(spec.local || spec.qualified));
  const gender = r.chance(0.68) ? '男' : '女';
  const age = spec.age ?? (spec.qualified ? r.int(35, 44) : drawAge(r));
  const birthDate = spec.birthDate ?? birthDateForAge(r, age, ctx.referenceDate);
  const birthYear = Number(birthDate.slice(0, 4));
  const realAge = Number(ctx.referenceDate.slice(0, 4)) - birthYear;
  const degree = spec.degree ?? (spec.qualified ? '博士' : chooseDegree(r, institution, realAge));
  const title = spec.title ?? (spec.qualified ? (realAge >= 42 && r.chance(0.5) ? '正高级' : '副高级') : chooseTitle(r, realAge, institution));
  const refYear = Number(ctx.referenceDate.slice(0, 4));
  const studyYears = degree === '博士' ? r.int(28, 31) : degree === '硕士' ? r.int(24, 26) : r.int(22, 23);
  const workStartYear = spec.workStartYear ?? Math.min(birthYear + studyYears, spec.qualified ? refYear - 4 : refYear);

  const related = primary.related.map(getDomain);
  const extra = r.sample(related, r.chance(0.2) ? 2 : r.chance(0.55) ? 1 : 0);
  const domains: ResearchDomain[] = [primary, ...extra];
  const senior = title === '正高级' || title === '副高级';
  const evidence: EvidenceContext = { ...ctx, firstYear: workStartYear };
  const topic = () => (r.chance(0.75) ? primary : r.pick(domains));

  const total = senior ? r.int(4, 8) : r.int(2, 6);
  const projectCount = r.int(1, Math.max(1, Math.ceil(total / 2)));
  const paperCount = Math.min(total - projectCount, r.chance(0.55) ? r.int(1, 3) : 0);
  const patentCount = total - projectCount - paperCount;
  const projects = Array.from({ length: projectCount }, () => composeProject(r, topic(), evidence, { senior }));
  let patents: PatentInput[] = Array.from({ length: patentCount }, () => composePatent(r, topic(), evidence));
  const papers = Array.from({ length: paperCount }, () => composePaper(r, topic(), evidence));

  const wantsGranted = spec.grantedInvention ?? (spec.qualified ? 'some' : undefined);
  const isGrantedInvention = (p: PatentInput) => p.type === 'invention' && p.status === 'granted';
  if (wantsGranted === 'none') {
    patents = patents.map((p) => (p.type === 'invention' && p.status !== 'filed' ? composePatent(r, primary, evidence, { type: 'invention', granted: false }) : p));
  } else if (wantsGranted === 'some' && !patents.some(isGrantedInvention)) {
    // Replace rather than add, so evidence stays within 2–8 items (a full set of 8 always holds a patent).
    patents = [composePatent(r, primary, evidence, { type: 'invention', granted: true }), ...patents.slice(1)];
  }

  const record: ExpertInput = {
    externalId,
    name: composePersonName(r, gender),
    gender,
    birthDate,
    title,
    degree,
    institution: { name: institution.name, type: institution.type, region: institution.region },
    region: institution.region,
    fields: domains.map((d) => d.field),
    workStartYear,
    honours: chooseHonours(r, title),
    contact: { phone: composeMaskedMobile(r), email: `${externalId}@demo.${institution.mailDomain}` },
    projects,
    patents,
    papers,
    badRecords: [],
    serviceHistory: [],
    cooperations: [],
  };
  return { record, domainKeys: domains.map((d) => d.key) };
}
