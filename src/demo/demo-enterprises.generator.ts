// One synthetic Wenzhou enterprise in the import format, shaped like the Wuhan demand form (附件1 一、二):
// size, revenue, qualifications, R&D institutions, R&D spending band and project modes.
import type { EnterpriseInput } from '../intake/enterprise.schema';
import { buildCreditCode, CREDIT_CODE_ALPHABET } from './check-digits';
import { ageAt, randomDate } from './dates';
import { BRAND_HEADS, BRAND_TAILS, COUNTY_PLACES, INDUSTRY_SECTORS, QUALIFICATIONS, RESERVED_BRANDS, ROADS, type IndustrySector, type SectorTopic } from './industry-sectors.data';
import type { DemoInstitution } from './institutions.data';
import { composeMaskedMobile, composePersonName } from './person.composer';
import type { Rng } from './prng';

export type SizeClass = 'micro' | 'small' | 'medium' | 'large';

export type EnterpriseSpec = {
  sector?: IndustrySector;
  region?: string;
  registeredAt?: string;
  size?: SizeClass;
  /** No 资质 at all (Xinxiang 三(二)1 requires one; the others only prefer them). */
  noQualifications?: boolean;
};

export type GeneratedEnterprise = {
  record: EnterpriseInput;
  sector: IndustrySector;
  /** The firm's core business among its industry's main topics; its products and most demands come from it. */
  primaryTopic: SectorTopic;
  size: SizeClass;
  /** Brand with industry stem, e.g. "瓯宏电气": used for R&D centre names and in demand texts. */
  shortName: string;
  products: string[];
};

/** Names and codes already handed out, so both stay unique across the data set. */
export type EnterpriseRegistry = { names: Set<string>; creditCodes: Set<string> };

const SIZE_PROFILE: Record<SizeClass, { employees: [number, number]; revenue: [number, number]; founded: [string, string] }> = {
  micro: { employees: [12, 60], revenue: [500, 4000], founded: ['2012-01-01', '2024-12-31'] },
  small: { employees: [60, 300], revenue: [2500, 30000], founded: ['2003-01-01', '2021-12-31'] },
  medium: { employees: [300, 1000], revenue: [20000, 120000], founded: ['1996-01-01', '2016-12-31'] },
  large: { employees: [1000, 5000], revenue: [100000, 800000], founded: ['1990-01-01', '2008-12-31'] },
};

const ORG_BODY_ALPHABET = CREDIT_CODE_ALPHABET;

function issueCreditCode(r: Rng, registry: EnterpriseRegistry, region: string, registeredAt: string): string {
  for (;;) {
    // Since the 2015 reform new organisation codes start with "MA"; older firms kept numeric ones.
    const body = registeredAt >= '2016-01-01' ? `MA${r.chars(ORG_BODY_ALPHABET, 6)}` : `${r.int(1, 7)}${r.chars('0123456789', 7)}`;
    const code = buildCreditCode(region, body);
    if (!registry.creditCodes.has(code)) {
      registry.creditCodes.add(code);
      return code;
    }
  }
}

function issueName(r: Rng, registry: EnterpriseRegistry, sector: IndustrySector, region: string, size: SizeClass) {
  const place = COUNTY_PLACES[region];
  for (;;) {
    const brand = r.pick(BRAND_HEADS) + r.pick(BRAND_TAILS);
    if (RESERVED_BRANDS.has(brand) || brand[0] === brand[1]) continue;
    const stem = r.pick(sector.nameStems);
    const prefix = size === 'large' || r.chance(0.25) ? '浙江' : place.prefix;
    const suffix = size === 'large' ? r.pick(['集团有限公司', '股份有限公司']) : size === 'medium' && r.chance(0.4) ? '股份有限公司' : '有限公司';
    const name = `${prefix}${brand}${stem}${suffix}`;
    if (registry.names.has(name)) continue;
    registry.names.add(name);
    return { name, shortName: brand + stem };
  }
}

function chooseQualifications(r: Rng, sector: IndustrySector, size: SizeClass, revenue: number, employees: number, years: number): string[] {
  const q: string[] = [];
  const sme = employees < 1000 && revenue < 400_000;
  if (sector.manufacturing && revenue >= 2000) q.push(QUALIFICATIONS.aboveScale);
  // 高新技术企业 needs a year of operation; 专精特新 and 小巨人 are earned over several years.
  const highTech = years >= 1 && r.chance(size === 'micro' ? 0.25 : size === 'small' ? 0.45 : 0.7);
  if (highTech) q.push(QUALIFICATIONS.highTech);
  if (sme && employees < 500 && r.chance(0.6)) q.push(QUALIFICATIONS.techSme);
  const innovative = sme && r.chance(highTech ? 0.55 : 0.2);
  if (innovative) q.push(QUALIFICATIONS.innovativeSme);
  const specialised = sme && innovative && size !== 'micro' && years >= 3 && r.chance(0.5);
  if (specialised) q.push(QUALIFICATIONS.provincialSpecialised);
  if (specialised && years >= 5 && r.chance(0.3)) q.push(QUALIFICATIONS.giant);
  if (highTech && r.chance(0.08)) q.push(QUALIFICATIONS.gazelle);
  if (size !== 'micro' && r.chance(0.04)) q.push(QUALIFICATIONS.hiddenChampion);
  if (sector.key === 'digital' && r.chance(0.6)) q.push(QUALIFICATIONS.software);
  if (sector.key === 'digital' && r.chance(0.12)) q.push(QUALIFICATIONS.advancedService);
  if (q.length === 0) q.push(QUALIFICATIONS.techSme);
  return q;
}

type RdInstitution = NonNullable<EnterpriseInput['rdInstitutions']>[number];

function chooseRdInstitutions(r: Rng, size: SizeClass, shortName: string, partners: DemoInstitution[]): RdInstitution[] {
  const count = r.weighted<number>(
    size === 'micro'
      ? [
          [0, 6],
          [1, 4],
        ]
      : size === 'small'
        ? [
            [0, 3],
            [1, 5],
            [2, 2],
          ]
        : [
            [1, 4],
            [2, 4],
            [3, 2],
          ],
  );
  const kinds: Array<[RdInstitution, number]> = [
    [
      {
        name: `${shortName}企业技术中心`,
        kind: '企业技术中心',
        level: size === 'large' && r.chance(0.3) ? 'national' : r.chance(0.4) ? 'provincial' : 'municipal',
        mode: 'self_built',
      },
      4,
    ],
    [{ name: `${shortName}省级高新技术企业研究开发中心`, kind: '省级高新技术企业研究开发中心', level: 'provincial', mode: 'self_built' }, 3],
    [{ name: `浙江省${shortName}研究院`, kind: '省级企业研究院', level: 'provincial', mode: 'self_built' }, size === 'micro' ? 0 : 2],
    [{ name: `温州市${shortName}工程技术研究中心`, kind: '工程（技术）研究中心', level: 'municipal', mode: 'self_built' }, 2],
    [{ name: `${shortName}院士专家工作站`, kind: '院士工作站', level: r.chance(0.4) ? 'provincial' : 'municipal', mode: 'co_built' }, size === 'large' ? 1 : 0.3],
  ];
  if (partners.length) {
    const p = r.pick(partners);
    kinds.push([{ name: `${shortName}—${p.short}联合研发中心`, kind: '其他', level: 'other', mode: 'co_built' }, 2]);
  }
  const out: RdInstitution[] = [];
  for (let i = 0; i < count; i++) {
    const candidates = kinds.filter(([k]) => !out.some((o) => o.kind === k.kind));
    if (!candidates.length) break;
    out.push(r.weighted(candidates));
  }
  return out;
}

function rdSpendingBand(r: Rng, qualifications: string[], sector: IndustrySector): NonNullable<EnterpriseInput['rdSpendingBand']> {
  if (sector.key === 'digital')
    return r.weighted([
      ['3-5%', 2],
      ['5-10%', 4],
      ['>10%', 3],
    ]);
  if (qualifications.includes(QUALIFICATIONS.highTech))
    return r.weighted([
      ['1-3%', 2],
      ['3-5%', 5],
      ['5-10%', 2],
      ['>10%', 0.5],
    ]);
  return r.weighted([
    ['<1%', 3],
    ['1-3%', 5],
    ['3-5%', 2],
  ]);
}

export type EnterpriseContext = {
  referenceDate: string;
  registry: EnterpriseRegistry;
  /** Institutions a firm of this industry might co-build an R&D centre with. */
  partners: (sector: IndustrySector) => DemoInstitution[];
};

export function generateEnterprise(r: Rng, ctx: EnterpriseContext, spec: EnterpriseSpec = {}): GeneratedEnterprise {
  const { registry, partners } = ctx;
  const sector = spec.sector ?? r.weighted(INDUSTRY_SECTORS.map((s) => [s, s.weight] as const));
  const region = spec.region ?? r.weighted(sector.regions);
  const size =
    spec.size ??
    r.weighted<SizeClass>([
      ['micro', 2.5],
      ['small', 4.5],
      ['medium', 2.2],
      ['large', 0.8],
    ]);
  const profile = SIZE_PROFILE[size];
  const registeredAt = spec.registeredAt ?? randomDate(r, profile.founded[0], profile.founded[1]);
  const { name, shortName } = issueName(r, registry, sector, region, size);
  const creditCode = issueCreditCode(r, registry, region, registeredAt);
  const employees = r.int(profile.employees[0], profile.employees[1]);
  const years = ageAt(registeredAt, ctx.referenceDate);
  const revenueScale = sector.manufacturing ? 1 : 0.4;
  // 上年营业收入 of a firm not yet a year old covers only a few months of trading.
  const revenue = years < 1 ? r.int(50, 600) : Math.round(r.int(profile.revenue[0], profile.revenue[1]) * revenueScale);
  const qualifications = spec.noQualifications ? [] : chooseQualifications(r, sector, size, revenue, employees, years);
  const place = COUNTY_PLACES[region];
  const legalRepresentative = composePersonName(r, r.chance(0.85) ? '男' : '女');
  const primaryTopic = r.weighted(sector.topics.filter((t) => t.main).map((t) => [t, t.weight] as const));
  const products = r.sample(primaryTopic.products ?? sector.products, r.int(1, 3));
  const rdStaff = Math.max(3, Math.round(employees * (r.int(5, 25) / 100)));
  const record: EnterpriseInput = {
    creditCode,
    name,
    region,
    registeredAt,
    employees,
    revenue,
    qualifications,
    industry: sector.industry,
    legalRepresentative,
    contact: { name: composePersonName(r, r.chance(0.5) ? '男' : '女'), phone: composeMaskedMobile(r) },
    address: `浙江省${place.county}${r.pick(place.towns)}${r.pick(ROADS)}${r.int(1, 999)}号`,
    rdInstitutions: chooseRdInstitutions(r, size, shortName, partners(sector)),
    rdAreaM2: Math.round((rdStaff * r.int(8, 30)) / 10) * 10,
    rdStaff,
    rdEquipmentValue: Math.max(20, Math.round(revenue * (r.int(5, 40) / 1000))),
    rdSpendingBand: rdSpendingBand(r, qualifications, sector),
    rdProjectModes: ['自主研发', ...r.sample(['合作研发', '委托研发', '模仿改进', '外购'], r.int(0, 2))],
    creditIssues: [],
    // Founders by name only: the common case, which conflict-of-interest checks must not confuse with experts.
    relatedParties: r.chance(0.5) ? [{ kind: 'founder', name: legalRepresentative }] : [],
  };
  return { record, sector, primaryTopic, size, shortName, products };
}
