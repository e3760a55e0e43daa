import type { Demand } from '../intake/demand.schema';

/**
 * The technical core of a demand. Real demands are long and carry company boilerplate (我公司主要从事…, 上年营业
 * 收入…, 现有员工…, 现有工作基础: 厂房、资质、销售额) that says nothing about the problem; embedded or matched as it is,
 * it pulls the shortlist towards whoever wrote about management or the company's trade. The core keeps the
 * title, the problem, the targets and the expected field; the ranker embeds and matches only the core, so
 * prepending or removing a company paragraph leaves the shortlist as it was.
 */
export type DemandPart = 'title' | 'problem' | 'target' | 'field';
export type DemandSegment = { part: DemandPart; text: string };
export type DemandCore = { segments: DemandSegment[]; /** Boilerplate sentences or clauses left out, in order. */ dropped: string[] };

export const DEMAND_PART_ZH: Record<DemandPart, string> = { title: '需求标题', problem: '技术问题', target: '预期目标', field: '期望领域' };

/** Section headings of demand forms: what follows them is boilerplate, a target, or the problem. */
const BOILERPLATE_HEADING =
  /^(现有)?(工作|研发|产业化|合作|实验|技术|研究)?基础|^(企业|公司|单位)(简介|概况|介绍|基本情况|情况)|^合作方式|^(经费|资金)(预算|投入|情况)?|^联系(人|方式)|^(项目)?(经济|社会)效益|^市场(前景|分析)/;
const TARGET_HEADING = /^(预期|预计)?(目标|成果)|^(主要)?技术指标|^(性能|技术)?(参数|要求)/;
const PROBLEM_HEADING = /^(需求|问题|难题)(内容|描述|背景|说明)?|^(技术)?(需求|难题|问题|背景)/;
/** Clause markers of company description: the company's history, size, money, honours and premises. */
const BOILERPLATE_CLAUSE =
  /营业收入|销售收入|销售额|营收|利润|产值|纳税|注册资本|总资产|固定资产|员工|职工|在职人员|从业人员|(技术|研发)人员\d|占地|建筑面积|厂房|成立(于|以来)|始建于|创建于|注册于|坐落|位于.{0,12}(市|区|县|园区|开发区)|高新技术企业|专精特新|上市公司|荣获|荣誉|称号|市场前景|市场客户|平稳运营|执行力|组织机构|资金(及时)?到位|^(主要|专业|一直)?从事|^主营|致力于|是一家|(研发|设计)?、?生产(和|与|及)销售|远销/;
/** A company introducing itself: 我公司/本公司/公司 + 是一家/主要从事/主营/专业从事/致力于. */
const COMPANY_INTRO = /^(我|本|该)?(公司|企业|单位|集团)(是一家|系|主要|专业|专注|致力|主营|一直|多年|成立|创建|始建|位于|坐落|注册|自\d|于\d|现有|拥有|目前(已|有)|经过)/;
/** Targets: numbers against thresholds, 达到/不低于, or a stated goal. */
const TARGET_CLAUSE = /[≥≤<>]|不(低|高|小|大)于|(达到|提高到|降低到|控制在|以上|以下|以内)|\d+(\.\d+)?\s*(%|％|倍|小时|分钟|年|次|mm|μm|nm|MPa|℃|°C|kg|t\b|吨|克|米|万元)/;

const HEADING = /^\s*(?:[一二三四五六七八九十]+[、.．]|\d+[、.．)]|[（(]\d+[)）])?\s*([^：:\n]{1,12})[：:]\s*/;

/** Sentences (split on sentence ends), each marked when it opens a line (numbered list items open lines). */
function sentencesOf(text: string): Array<{ text: string; opensLine: boolean }> {
  return text.split(/\n+/).flatMap((line) =>
    line
      .split(/(?<=[。！？!?；;])/)
      .map((s) => s.trim())
      .filter((s) => s.length > 0)
      .map((s, i) => ({ text: s, opensLine: i === 0 })),
  );
}

const NUMBERED = /^\s*(?:[一二三四五六七八九十]+[、.．]|\d+[、.．)]|[（(]\d+[)）])/;

const clausesOf = (s: string) =>
  s
    .split(/(?<=[，,：:])/)
    .map((c) => c.trim())
    .filter(Boolean);
const strip = (s: string) => s.replace(/^\s*(?:[一二三四五六七八九十]+[、.．]|\d+[、.．)]|[（(]\d+[)）])\s*/, '').trim();
const hasContent = (s: string) => s.replace(/[\s\p{P}\d]/gu, '').length >= 4;

/** Keeps the clauses of a sentence that are not company description; undefined when none is left. */
function keepTechnical(sentence: string, dropped: string[]): string | undefined {
  const body = strip(sentence);
  if (COMPANY_INTRO.test(body) && !/(需要|需求|难题|问题|解决|希望|寻求)/.test(body)) {
    dropped.push(body);
    return undefined;
  }
  if (!BOILERPLATE_CLAUSE.test(body)) return body;
  const kept: string[] = [];
  for (const c of clausesOf(body)) {
    if (BOILERPLATE_CLAUSE.test(c) || COMPANY_INTRO.test(c)) dropped.push(c);
    else kept.push(c);
  }
  const text = kept.join('').replace(/^[，,、：:]+|[，,、：:]+$/g, '');
  return hasContent(text) ? text : undefined;
}

/** The title, the problem and target sentences of the description (company boilerplate left out), the field. */
export function extractDemandCore(d: Pick<Demand, 'title' | 'description' | 'expectedField'>): DemandCore {
  const segments: DemandSegment[] = [{ part: 'title', text: d.title.trim() }];
  const dropped: string[] = [];
  let section: 'problem' | 'target' | 'boilerplate' = 'problem';
  let listHeading = false;
  for (const { text: raw, opensLine } of sentencesOf(d.description ?? '')) {
    let sentence = raw;
    const h = HEADING.exec(raw);
    // A boilerplate section runs on over company lines, and over numbered items when its heading stood alone
    // (现有工作基础：\n 1、…); any other line ends it (the demand itself often follows without a heading).
    const listed = !listHeading || !NUMBERED.test(raw);
    if (section === 'boilerplate' && opensLine && !h && listed && !BOILERPLATE_CLAUSE.test(raw) && !COMPANY_INTRO.test(raw)) section = 'problem';
    if (h) {
      const heading = h[1].trim();
      const next = BOILERPLATE_HEADING.test(heading) ? 'boilerplate' : TARGET_HEADING.test(heading) ? 'target' : PROBLEM_HEADING.test(heading) ? 'problem' : undefined;
      // Any other heading (现状：, 项目内容：…) also ends a boilerplate section; its text is kept as it is.
      if (!next && section === 'boilerplate') section = 'problem';
      if (next) {
        section = next;
        sentence = raw.slice(h[0].length);
        listHeading = !hasContent(sentence);
        if (listHeading) continue;
      }
    }
    if (section === 'boilerplate') {
      dropped.push(strip(sentence));
      continue;
    }
    const text = keepTechnical(sentence, dropped);
    if (!text) continue;
    segments.push({ part: section === 'target' || TARGET_CLAUSE.test(text) ? 'target' : 'problem', text });
  }
  if (d.expectedField?.trim()) segments.push({ part: 'field', text: d.expectedField.trim() });
  return { segments, dropped };
}

/** The text embedded for a demand: the core's title, problem and targets, then the field. */
export function coreQueryText(core: DemandCore): string {
  return core.segments.map((s) => (s.part === 'field' ? `期望领域：${s.text}` : s.text)).join('\n');
}

/** The BM25 query of a demand: the core's segments. */
export function coreLexicalText(core: DemandCore): string {
  return core.segments.map((s) => s.text).join(' ');
}

/** Which part of the demand a piece of evidence matched, and on which terms. */
export type DemandMatch = { part: DemandPart; excerpt: string; terms: string[] };

const EXCERPT_MAX = 60;
/** Terms of one character or pure numbers/punctuation say nothing about a match. */
const isMeaningful = (t: string) => t.length >= 2 && !/^[\p{P}\p{S}\d\s]+$/u.test(t);

/**
 * Locates evidence in the demand's core: the segment sharing the most (and longest) meaningful terms with the
 * evidence text, with those terms. Undefined when no segment shares any (the match was semantic only).
 */
export function locateInDemand(core: DemandCore, tokenize: (text: string) => string[]): (evidenceText: string) => DemandMatch | undefined {
  const segs = core.segments.map((s) => ({ s, terms: new Set(tokenize(s.text).filter(isMeaningful)) }));
  return (evidenceText) => {
    const ev = new Set(tokenize(evidenceText).filter(isMeaningful));
    let best: { s: DemandSegment; terms: string[]; weight: number } | undefined;
    for (const { s, terms } of segs) {
      const shared = [...terms].filter((t) => ev.has(t));
      const weight = shared.reduce((a, t) => a + t.length, 0);
      if (weight > 0 && (!best || weight > best.weight)) best = { s, terms: shared, weight };
    }
    if (!best) return undefined;
    const excerpt = best.s.text.length > EXCERPT_MAX ? `${best.s.text.slice(0, EXCERPT_MAX)}…` : best.s.text;
    return { part: best.s.part, excerpt, terms: best.terms.sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).slice(0, 5) };
  };
}
