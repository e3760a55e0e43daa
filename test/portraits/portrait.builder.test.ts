import { describe, expect, it } from 'vitest';
import { expertSchema, type Expert } from '../../src/intake/expert.schema';
import { createJiebaKeywordExtractor } from '../../src/portraits/jieba-keyword.adapter';
import { buildPortrait, SUMMARY_MAX_CHARS } from '../../src/portraits/portrait.builder';
import { hashText } from '../../src/shared/hash';
import { batteryExpert, textileExpert } from '../retrieval/fixtures';

const keywords = createJiebaKeywordExtractor();
const build = (e: Expert, referenceYear = 2025) => buildPortrait(e, { referenceYear, keywords });
const battery = expertSchema.parse(batteryExpert);

describe('buildPortrait', () => {
  it('is deterministic: the same record and reference year give the same portrait', () => {
    expect(build(battery)).toEqual(build(expertSchema.parse(structuredClone(batteryExpert))));
  });

  it('keeps one evidence item per project, patent and paper plus the portrait summary, each with a hash of its text', () => {
    const p = build(battery);
    expect(p.evidence.map((e) => e.kind).sort()).toEqual(['paper', 'patent', 'portrait', 'project', 'project']);
    for (const e of p.evidence) expect(e.textHash).toBe(hashText(e.text));
    const patent = p.evidence.find((e) => e.kind === 'patent')!;
    expect(patent.label).toContain('CN202010000001.X');
    expect(patent.label).toContain('已授权');
    expect(patent.year).toBe(2022);
  });

  it('orders evidence by relevance then recency: the national project and the granted invention patent come first', () => {
    const kinds = build(battery)
      .evidence.slice(1)
      .map((e) => `${e.kind}:${e.ordinal}`);
    expect(kinds).toEqual(['project:0', 'patent:0', 'project:1', 'paper:0']);
  });

  it('bounds the summary and leads it with fields and the most relevant titles', () => {
    const many = expertSchema.parse({
      ...batteryExpert,
      projects: Array.from({ length: 60 }, (_, i) => ({ title: `第${i}个关于锂电池隔膜涂层改性的横向课题`, level: 'enterprise', startYear: 2000 + (i % 20) })),
    });
    const p = build(many);
    expect(p.summary.length).toBeLessThanOrEqual(SUMMARY_MAX_CHARS);
    expect(p.summary.startsWith('研究领域：新能源材料、锂离子电池。代表成果：')).toBe(true);
    // granted invention patent (3) outranks enterprise projects (1.5 + 0.5)
    expect(p.summary.indexOf('阻燃电解液')).toBeLessThan(p.summary.indexOf('横向课题'));
  });

  it('extracts topic keywords with jieba and TF-IDF, without stop words', () => {
    const terms = build(battery).keywords.map((k) => k.term);
    expect(terms).toContain('热失控');
    expect(terms.slice(0, 5)).toEqual(expect.arrayContaining(['热失控']));
    for (const stop of ['研究', '基于', '及其', '的', '方法']) expect(terms).not.toContain(stop);
    const weights = build(battery).keywords.map((k) => k.weight);
    expect(weights[0]).toBe(1);
    expect([...weights].sort((a, b) => b - a)).toEqual(weights);
  });

  it('collects IPC subclasses by frequency and the strength indicators', () => {
    const p = build(battery, 2025);
    expect(p.ipcClasses).toEqual(['H01M']);
    expect(p.fields).toEqual(['新能源材料', '锂离子电池']);
    expect(p.strength).toMatchObject({
      referenceYear: 2025,
      grantedInventionPatents: 1,
      projects: 2,
      projectsNational: 1,
      projectsProvincial: 1,
      projectsLed: 2,
      papers: 1,
      honours: 1,
      recentProjects: 2,
      recentPatents: 1,
      recentPapers: 1,
      lastActiveYear: 2024,
    });
    // 2021–2025 window: projects run 2021–2024, patent granted 2022, paper 2023
    expect(p.strength.activeYearsLast5).toBe(4);
    expect(build(battery, 2040).strength).toMatchObject({ recentProjects: 0, recentPatents: 0, activeYearsLast5: 0 });
  });

  it('builds a different portrait for a textile expert, with its own IPC class', () => {
    const p = build(expertSchema.parse(textileExpert));
    expect(p.ipcClasses).toEqual(['D06P']);
    expect(p.keywords.map((k) => k.term)).toEqual(expect.arrayContaining(['染色']));
  });

  it('gives an expert with no record an empty evidence list instead of failing', () => {
    const bare = expertSchema.parse({ ...textileExpert, fields: [], projects: [], patents: [] });
    const p = build(bare);
    expect(p.evidence).toEqual([]);
    expect(p.keywords).toEqual([]);
    expect(p.strength.lastActiveYear).toBe(0);
  });
});
