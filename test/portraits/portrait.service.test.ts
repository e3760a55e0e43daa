import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expertSchema } from '../../src/intake/expert.schema';
import { ExpertRepository } from '../../src/intake/expert.repository';
import { createJiebaKeywordExtractor } from '../../src/portraits/jieba-keyword.adapter';
import { PortraitRepository } from '../../src/portraits/portrait.repository';
import { rebuildStalePortraits } from '../../src/portraits/portrait.service';
import { batteryExpert, createTempWorld, machiningExpert, textileExpert, upsertExperts } from '../retrieval/fixtures';

const keywords = createJiebaKeywordExtractor();

describe('rebuildStalePortraits', () => {
  let world: ReturnType<typeof createTempWorld>;
  beforeEach(() => {
    world = createTempWorld('portraits-');
  });
  afterEach(async () => {
    await world.cleanup();
  });
  const rebuild = (referenceYear = 2025) =>
    rebuildStalePortraits({ portraits: world.runtime.repositories.portraits, experts: world.runtime.repositories.experts, keywords }, { referenceYear, batchSize: 2 });

  it('builds every portrait once, then nothing while the records are unchanged', () => {
    upsertExperts(world, [batteryExpert, textileExpert, machiningExpert]);
    expect(rebuild().built).toBe(3);
    expect(new PortraitRepository(world.db).count()).toBe(3);
    expect(rebuild()).toEqual({ built: 0, evidenceAdded: 0, evidenceRemoved: 0 });
  });

  it('rebuilds only the expert whose project changed, keeping the ids of unchanged evidence', () => {
    const [battId, textId] = upsertExperts(world, [batteryExpert, textileExpert]);
    rebuild();
    const repo = new PortraitRepository(world.db);
    const before = repo.listEvidence(battId);
    const textileBefore = repo.listEvidence(textId);
    const changed = structuredClone(batteryExpert);
    changed.projects![1].abstract = '研究氧化物固态电解质在高电压正极下的界面稳定性。';
    new ExpertRepository(world.db).upsert(expertSchema.parse(changed));

    const r = rebuild();
    expect(r.built).toBe(1);
    // the changed project, and the portrait summary whose keywords follow the abstracts
    expect(r).toMatchObject({ evidenceAdded: 2, evidenceRemoved: 2 });
    const after = repo.listEvidence(battId);
    const keptKinds = after
      .filter((a) => before.some((b) => b.id === a.id))
      .map((a) => `${a.kind}:${a.ordinal}`)
      .sort();
    expect(keptKinds).toEqual(['paper:0', 'patent:0', 'project:0']);
    expect(repo.listEvidence(textId)).toEqual(textileBefore);
  });

  it('a contact change marks the portrait stale but keeps every evidence row', () => {
    const [id] = upsertExperts(world, [batteryExpert]);
    rebuild();
    const before = new PortraitRepository(world.db).listEvidence(id);
    new ExpertRepository(world.db).upsert(expertSchema.parse({ ...batteryExpert, contact: { phone: '0577-88888888' } }));
    expect(rebuild()).toEqual({ built: 1, evidenceAdded: 0, evidenceRemoved: 0 });
    expect(new PortraitRepository(world.db).listEvidence(id)).toEqual(before);
  });

  it('a new reference year refreshes the strength indicators', () => {
    const [id] = upsertExperts(world, [batteryExpert]);
    rebuild(2025);
    expect(rebuild(2026).built).toBe(1);
    expect(new PortraitRepository(world.db).get(id)!.strength.referenceYear).toBe(2026);
  });

  it('deleting an expert removes its portrait and evidence', () => {
    const [id] = upsertExperts(world, [batteryExpert, textileExpert]);
    rebuild();
    world.db.$client.prepare('delete from experts where id = ?').run(id);
    expect(new PortraitRepository(world.db).get(id)).toBeUndefined();
    expect(new PortraitRepository(world.db).listEvidence(id)).toEqual([]);
  });
});
