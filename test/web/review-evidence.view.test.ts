import { describe, expect, it } from 'vitest';
import { evidence } from '../../src/web/review.view';

describe('review page evidence list', () => {
  it('shows which part of the demand each evidence item matched, quoting it, with the shared terms', () => {
    const out = String(
      evidence({
        evidence: [
          {
            kind: 'project',
            label: '省级项目《耐高温密封件寿命预测》',
            year: 2023,
            similarity: 0.81,
            matched: { part: 'problem', excerpt: '密封件存在耐高温性能不足的<问题>', terms: ['密封件', '耐高温'] },
          },
          { kind: 'paper', label: '论文《橡胶老化》', year: 2021, similarity: 0.7 },
        ],
      }),
    );
    expect(out).toContain('对应需求·技术问题：「密封件存在耐高温性能不足的&lt;问题&gt;」');
    expect(out).toContain('共同词：密封件、耐高温');
    // An item matched by meaning only shows no demand part.
    expect(out.split('<li>')[2]).not.toContain('对应需求');
  });
});
