// Composes an expert's projects, patents and papers from one research domain's vocabulary. Templates are
// chosen per domain kind (材料/装置/软件/生物) so titles read like real Chinese project and patent titles:
// "一种高镍三元正极材料及其制备方法" but "一种基于迁移学习的表面缺陷检测系统方法及系统" is never produced.
import type { ExpertInput } from '../intake/expert.schema';
import { computePatentCheckDigit } from './check-digits';
import { addDays, randomDate } from './dates';
import type { Rng } from './prng';
import type { DomainKind, ResearchDomain } from './research-domains.data';

export type ProjectInput = NonNullable<ExpertInput['projects']>[number];
export type PatentInput = NonNullable<ExpertInput['patents']>[number];
export type PaperInput = NonNullable<ExpertInput['papers']>[number];
type PatentType = PatentInput['type'];
type ProjectLevel = NonNullable<ProjectInput['level']>;

export type EvidenceContext = {
  referenceDate: string;
  /** Earliest year evidence may date from (the expert's first working year). */
  firstYear: number;
  /** Patent numbers already issued in this data set, so every number is unique. */
  patentNumbers: Set<string>;
};

/** A different item than `not` when the list allows it. */
function pickOther<T>(r: Rng, items: readonly T[], not: T): T {
  const rest = items.filter((i) => i !== not);
  return rest.length ? r.pick(rest) : not;
}

const unique = (xs: string[]) => [...new Set(xs)];

const PART_WORD: Record<DomainKind, string> = { material: '材料', device: '部件', software: '系统', bio: '产品' };

type Words = { obj: string; obj2: string; method: string; method2: string; prop: string; prop2: string; app: string; app2: string; issue: string; issue2: string };

function drawWords(r: Rng, d: ResearchDomain): Words {
  const obj = r.pick(d.objects);
  const method = r.pick(d.methods);
  const prop = r.pick(d.properties);
  const app = r.pick(d.applications);
  const issue = r.pick(d.issues);
  return {
    obj,
    method,
    prop,
    app,
    issue,
    obj2: pickOther(r, d.objects, obj),
    method2: pickOther(r, d.methods, method),
    prop2: pickOther(r, d.properties, prop),
    app2: pickOther(r, d.applications, app),
    issue2: pickOther(r, d.issues, issue),
  };
}

// ---------------------------------------------------------------- projects

const PROJECT_TITLES: Array<(w: Words, kind: DomainKind, level: ProjectLevel) => string | null> = [
  (w) => `${w.obj}${w.prop}提升关键技术研究`,
  (w) => `基于${w.method}的${w.obj}关键技术研究`,
  (w, k) => (k === 'software' ? `面向${w.app}的${w.obj}研发与应用` : `面向${w.app}的${w.obj}研发及产业化`),
  (w, k, level) => (level === 'national' && (k === 'material' || k === 'bio') ? `${w.obj}${w.prop}的调控机理研究` : null),
  (w, k) => (k === 'device' ? `${w.app}用${w.obj}研制` : k === 'material' ? `高性能${w.obj}的设计与制备` : null),
  (w) => (w.obj.includes(w.method) ? null : `${w.obj}${w.method}与${w.prop}优化研究`),
];

function projectAbstract(r: Rng, d: ResearchDomain, w: Words, level: ProjectLevel): string {
  const s1 = r.pick([
    `针对${w.app}中${w.obj}${w.issue}的问题，本项目采用${w.method}开展系统研究。`,
    `${w.obj}是${w.app}的关键${PART_WORD[d.kind]}，其${w.prop}直接影响产品的质量与可靠性。`,
  ]);
  const verify =
    d.kind === 'software'
      ? `构建了${w.obj}原型系统并在${w.app}场景完成验证`
      : d.kind === 'device'
        ? `建立了${w.obj}${w.prop2}的设计方法与试验验证平台`
        : `建立了${w.prop2}的评价方法和工艺优化模型`;
  const s2 = r.pick([
    `项目研究${w.method2}对${w.obj}${w.prop}的影响规律，${verify}。`,
    `通过${w.method}与${w.method2}相结合，突破了${w.obj}${w.prop}提升的关键技术。`,
    `重点解决${w.obj2}${w.issue2}等问题，形成了具有自主知识产权的技术方案。`,
  ]);
  const s3Options =
    level === 'national'
      ? [`研究结果为${w.app}用${w.obj}的设计与应用提供了理论依据。`, `项目发表学术论文${r.int(3, 9)}篇，申请发明专利${r.int(1, 4)}项，培养研究生${r.int(2, 6)}名。`]
      : [
          `研究成果使${w.prop}提升${r.int(10, 45)}%以上，已在${w.app2}中实现示范应用。`,
          `相关成果已在温州${r.int(2, 8)}家企业推广应用，新增产值约${r.int(8, 60) * 100}万元。`,
          `项目申请发明专利${r.int(1, 5)}项，授权实用新型专利${r.int(1, 6)}项，培养企业技术骨干${r.int(3, 12)}名。`,
        ];
  const sentences = [s1, s2];
  if (r.chance(0.75)) sentences.push(r.pick(s3Options));
  return sentences.join('');
}

export function composeProject(r: Rng, d: ResearchDomain, ctx: EvidenceContext, opts: { senior: boolean }): ProjectInput {
  const level: ProjectLevel = r.weighted(
    opts.senior
      ? [
          ['national', 3],
          ['provincial', 3],
          ['municipal', 2],
          ['enterprise', 2],
        ]
      : [
          ['national', 1.5],
          ['provincial', 2.5],
          ['municipal', 3.5],
          ['enterprise', 2.5],
        ],
  );
  const w = drawWords(r, d);
  let title: string | null = null;
  while (!title) title = r.pick(PROJECT_TITLES)(w, d.kind, level);
  const refYear = Number(ctx.referenceDate.slice(0, 4));
  const startYear = r.int(Math.min(Math.max(ctx.firstYear, 2012), refYear - 1), refYear - 1);
  return {
    title,
    abstract: projectAbstract(r, d, w, level),
    keywords: unique([w.obj, w.method, w.prop, w.app]),
    role: r.chance(opts.senior ? 0.75 : 0.45) ? 'leader' : 'member',
    level,
    startYear,
    endYear: startYear + (level === 'enterprise' ? r.int(1, 2) : r.int(2, 4)),
  };
}

// ---------------------------------------------------------------- patents

/** Production equipment for material/bio utility models, with the IPC class such equipment is filed under. */
const UTILITY_EQUIPMENT: Array<[string, string]> = [
  ['混料装置', 'B01F 27/00'],
  ['涂布装置', 'B05C 1/00'],
  ['烘干装置', 'F26B 15/00'],
  ['检测装置', 'G01N 33/00'],
  ['成型装置', 'B29C 43/00'],
  ['搅拌反应釜', 'B01J 19/18'],
];

function inventionTitle(r: Rng, d: ResearchDomain, w: Words): string {
  switch (d.kind) {
    case 'material':
      return r.pick([`一种${w.obj}及其制备方法`, `一种基于${w.method}的${w.obj}制备方法`, `一种${w.app}用${w.obj}及其应用`]);
    case 'bio':
      return r.pick([`一种${w.obj}及其制备方法和应用`, `一种${w.obj}的${w.method}方法`, `一种基于${w.method}的${w.obj}质量检测方法`]);
    case 'software':
      return r.pick([`一种基于${w.method}的${w.obj}优化方法及系统`, `一种面向${w.app}的${w.obj}构建方法`, `一种${w.obj}${w.prop}评估方法`]);
    default:
      return r.pick([`一种${w.obj}`, `一种基于${w.method}的${w.obj}设计方法`, `一种${w.app}用${w.obj}`, `一种${w.obj}${w.prop}检测方法`]);
  }
}

function utilityTitle(r: Rng, d: ResearchDomain, w: Words): { title: string; ipc?: string } {
  if (d.kind === 'material' || d.kind === 'bio') {
    const [equipment, ipc] = r.pick(UTILITY_EQUIPMENT);
    return { title: `一种${w.obj}生产用${equipment}`, ipc };
  }
  if (d.kind === 'software') return { title: `一种${w.obj}数据采集终端` };
  return { title: r.pick([`一种${w.obj}`, `一种${w.app}用${w.obj}`, `一种改善${w.prop}的${w.obj}结构`]) };
}

function patentAbstract(type: PatentType, title: string, d: ResearchDomain, w: Words): string {
  const subject = title.replace(/^一种/, '');
  if (type === 'invention') {
    const what = d.kind === 'device' ? '方案' : d.kind === 'software' ? '方法' : '技术方案';
    return (
      `本发明公开了${subject}，属于${d.field}技术领域。该${what}采用${w.method}，显著提高了${w.obj}的${w.prop}，` + `解决了现有技术中${w.obj}${w.issue}的问题，可用于${w.app}。`
    );
  }
  if (type === 'utility') {
    return `本实用新型公开了${subject}，属于${d.field}技术领域。该装置结构简单、安装维护方便，通过对关键结构的优化设计，` + `有效改善了${w.obj}的${w.prop}，适用于${w.app}。`;
  }
  if (type === 'design') return `本外观设计产品为${subject}，用于${w.app}。设计要点在于产品的形状与图案，最能表明设计要点的图片为立体图。`;
  return `本软件面向${w.app}，基于${w.method}实现${w.obj}的数据管理、分析与可视化功能，提升了${w.prop}。`;
}

function issuePatentNumber(r: Rng, ctx: EvidenceContext, type: PatentType, filedAt: string, granted: boolean): string {
  const year = filedAt.slice(0, 4);
  for (;;) {
    let number: string;
    if (type === 'software_copyright') {
      number = `${year}SR${r.chars('0123456789', 7)}`;
    } else {
      const digits = `${year}${type === 'invention' ? 1 : type === 'utility' ? 2 : 3}${r.int(1, 9)}${r.chars('0123456789', 6)}`;
      number = `${granted ? 'ZL' : ''}${digits}.${computePatentCheckDigit(digits)}`;
    }
    if (!ctx.patentNumbers.has(number)) {
      ctx.patentNumbers.add(number);
      return number;
    }
  }
}

export function composePatent(r: Rng, d: ResearchDomain, ctx: EvidenceContext, opts: { type?: PatentType; granted?: boolean } = {}): PatentInput {
  const type: PatentType =
    opts.type ??
    r.weighted<PatentType>([
      ['invention', 5],
      ['utility', d.kind === 'software' ? 0.5 : 3],
      ['design', d.designs ? 0.7 : 0],
      ['software_copyright', d.kind === 'software' ? 3 : d.kind === 'device' ? 0.3 : 0],
    ]);
  const w = drawWords(r, d);
  const utility = type === 'utility' ? utilityTitle(r, d, w) : undefined;
  const title =
    type === 'invention'
      ? inventionTitle(r, d, w)
      : utility
        ? utility.title
        : type === 'design'
          ? `${r.pick(d.designs ?? d.objects)}（${r.chars('ABCDEFGHJKLMN', 1)}${r.int(100, 999)}）`
          : `${w.obj}${d.kind === 'software' ? '' : '测试分析'}软件V${r.int(1, 3)}.0`;
  const ref = ctx.referenceDate;
  // Inventions need room for substantive examination when they must be granted; designs and software
  // copyrights only exist in the data once registered.
  const latestFiling = type === 'invention' && opts.granted ? addDays(ref, -900) : type === 'design' || type === 'software_copyright' ? addDays(ref, -210) : addDays(ref, -60);
  const earliest = `${Math.min(Math.max(ctx.firstYear, 2010), Number(latestFiling.slice(0, 4)))}-01-01`;
  const filedAt = randomDate(r, earliest, latestFiling);
  const examinationDays = type === 'invention' ? r.int(500, 1000) : type === 'utility' ? r.int(150, 300) : r.int(60, 200);
  const grantDate = addDays(filedAt, examinationDays);
  let status: PatentInput['status'];
  if (opts.granted !== undefined) status = opts.granted ? 'granted' : 'filed';
  else if (grantDate > ref) status = 'filed';
  else if (type === 'invention')
    status = r.weighted([
      ['granted', 7],
      ['filed', 2],
      ['lapsed', 1],
    ]);
  else status = r.chance(0.9) ? 'granted' : 'lapsed';
  if (status === 'granted' && grantDate > ref) status = 'filed';
  const granted = status !== 'filed';
  // Designs (Locarno) and software copyrights carry no IPC class.
  const ipc = type === 'invention' || type === 'utility' ? unique([...(utility?.ipc ? [utility.ipc] : []), r.pick(d.ipc), ...r.sample(d.ipc, r.int(0, utility?.ipc ? 1 : 2))]) : [];
  const patent: PatentInput = {
    number: issuePatentNumber(r, ctx, type, filedAt, granted),
    title,
    abstract: patentAbstract(type, title, d, w),
    type,
    status,
    ipc,
    filedAt,
  };
  if (granted) patent.grantedAt = grantDate;
  return patent;
}

// ---------------------------------------------------------------- papers

export function composePaper(r: Rng, d: ResearchDomain, ctx: EvidenceContext): PaperInput {
  const w = drawWords(r, d);
  const title = r.pick([`${w.method}对${w.obj}${w.prop}的影响`, `${w.obj}的${w.method}研究`, `基于${w.method}的${w.obj}${w.prop}优化`, `面向${w.app}的${w.obj}研究进展`]);
  const refYear = Number(ctx.referenceDate.slice(0, 4));
  const pct = r.int(8, 40);
  return {
    title,
    abstract: title.endsWith('研究进展')
      ? `综述了${w.obj}在${w.app}中的研究现状，重点讨论了${w.method}和${w.method2}对${w.prop}的作用，并展望了今后的发展方向。`
      : `为改善${w.obj}的${w.prop}，采用${w.method}对其开展研究。结果表明，优化后${w.obj}的${w.prop}提升约${pct}%，可为${w.app}提供参考。`,
    keywords: unique([w.obj, w.method, w.prop]),
    venue: r.pick(d.venues),
    year: r.int(Math.min(Math.max(ctx.firstYear, 2012), refYear), refYear),
  };
}
