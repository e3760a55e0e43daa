import type { Config } from '../../src/config';
import type { Db } from '../../src/db/client';
import { type ExpertInput, expertSchema } from '../../src/intake/expert.schema';
import { createRuntime, type Runtime, type RuntimeOverrides } from '../../src/runtime';
import { createTestRuntime, silentLogger } from '../helpers/test-runtime';

export { CountingEmbedder } from '../../src/embeddings/hashing-embedder.fake';

export type TempWorld = {
  dir: string;
  config: Config;
  readonly runtime: Runtime;
  readonly db: Db;
  /** Closes the runtime and opens a new one over the same DATA_DIR. */
  reopen(): Promise<Db>;
  /** Another runtime over the same DATA_DIR: a fresh process, with its own in-memory state. */
  start(overrides?: RuntimeOverrides): Runtime;
  cleanup(): Promise<void>;
};

/** A temp DATA_DIR through the test harness (migrated database, reference regions). */
export function createTempWorld(prefix = 'retrieval-'): TempWorld {
  const t = createTestRuntime({ prefix });
  const started: Runtime[] = [];
  return {
    dir: t.dir,
    config: t.config,
    get runtime() {
      return t.runtime;
    },
    get db() {
      return t.runtime.db;
    },
    async reopen() {
      await t.reopen();
      return t.runtime.db;
    },
    start(overrides = {}) {
      const r = createRuntime(t.config, { logger: silentLogger, ...overrides });
      started.push(r);
      return r;
    },
    async cleanup() {
      for (const r of started.splice(0)) await r.close();
      await t.cleanup();
    },
  };
}

export function upsertExperts(world: { runtime: Runtime }, experts: ExpertInput[]): number[] {
  const repo = world.runtime.repositories.experts;
  return experts.map((e) => repo.upsert(expertSchema.parse(e)).id);
}

const base = { gender: '男' as const, birthDate: '1978-05-01', title: '正高级' as const, degree: '博士' as const, region: '330302' };

export const batteryExpert: ExpertInput = {
  ...base,
  externalId: 'EXP-BATT',
  name: '李电池',
  institution: { name: '温州大学', type: 'university', region: '330302' },
  fields: ['新能源材料', '锂离子电池'],
  honours: ['浙江省杰出青年科学基金获得者'],
  projects: [
    {
      title: '高安全性锂离子动力电池正极材料与热失控抑制机理',
      level: 'national',
      role: 'leader',
      startYear: 2020,
      endYear: 2024,
      abstract: '针对动力电池热失控引发的安全问题，研究磷酸铁锂与高镍三元正极材料的表面包覆改性，阻燃电解液添加剂和陶瓷涂层隔膜，揭示热失控链式反应机理。',
      keywords: ['锂离子电池', '热失控', '正极材料'],
    },
    {
      title: '固态电解质界面稳定性研究',
      level: 'provincial',
      role: 'leader',
      startYear: 2018,
      endYear: 2021,
      abstract: '研究硫化物固态电解质与锂金属负极的界面副反应及其抑制方法。',
      keywords: ['固态电解质'],
    },
  ],
  patents: [
    {
      number: 'CN202010000001.X',
      title: '一种抑制锂电池热失控的阻燃电解液及其制备方法',
      type: 'invention',
      status: 'granted',
      ipc: ['H01M 10/0567', 'H01M 10/42'],
      filedAt: '2020-03-01',
      grantedAt: '2022-06-01',
      abstract: '提供一种含磷系阻燃添加剂的电解液，在电池温度升高时形成保护层，抑制热失控蔓延。',
    },
  ],
  papers: [{ title: '高镍正极材料热稳定性研究进展', year: 2023, venue: '储能科学与技术', keywords: ['高镍', '热稳定性'] }],
};

export const textileExpert: ExpertInput = {
  ...base,
  externalId: 'EXP-TEXT',
  name: '王印染',
  gender: '女',
  institution: { name: '浙江理工大学', type: 'university', region: '330100' },
  region: '330100',
  fields: ['纺织工程', '染整技术'],
  projects: [
    {
      title: '活性染料无盐低碱染色关键技术',
      level: 'provincial',
      role: 'leader',
      startYear: 2019,
      endYear: 2022,
      abstract: '研究棉织物活性染料染色过程中的上染机理，开发无盐低碱染色工艺，减少印染废水排放。',
      keywords: ['活性染料', '染色', '印染废水'],
    },
  ],
  patents: [
    {
      number: 'CN201910000002.3',
      title: '一种涤棉混纺织物的一浴法染色工艺',
      type: 'invention',
      status: 'granted',
      ipc: ['D06P 3/82'],
      filedAt: '2019-05-01',
      grantedAt: '2021-09-01',
      abstract: '采用分散/活性染料一浴法对涤棉织物染色，节水节能。',
    },
  ],
};

export const machiningExpert: ExpertInput = {
  ...base,
  externalId: 'EXP-MACH',
  name: '张机床',
  institution: { name: '温州职业技术学院', type: 'vocational_school', region: '330302' },
  fields: ['机械制造', '数控技术'],
  projects: [
    {
      title: '五轴数控机床热误差补偿技术',
      level: 'municipal',
      role: 'leader',
      startYear: 2021,
      endYear: 2023,
      abstract: '建立主轴热变形模型，实现数控机床加工精度的实时补偿。',
      keywords: ['数控机床', '热误差'],
    },
  ],
};
