import type { INSTITUTION_TYPES } from '../intake/common.schema';
import { REGIONS } from '../intake/regions.data';

export const INSTITUTION_TYPE_LABELS: Record<(typeof INSTITUTION_TYPES)[number], string> = {
  university: '高校',
  research_institute: '科研院所',
  new_rd_institution: '新型研发机构',
  vocational_school: '职业学校',
  other: '其他单位',
};

export const PATENT_TYPE_LABELS = { invention: '发明专利', utility: '实用新型专利', design: '外观设计专利', software_copyright: '软件著作权' } as const;
export const PATENT_STATUS_LABELS = { filed: '已申请', granted: '已授权', lapsed: '已失效' } as const;
export const RD_LEVEL_LABELS = { national: '国家级', provincial: '省级', municipal: '市级', other: '其他' } as const;

const byCode = new Map(REGIONS.map((r) => [r.code, r]));

/** 330302 → '温州市鹿城区'; unknown codes are shown as they are. */
export function regionName(code: string): string {
  const r = byCode.get(code);
  if (!r) return code;
  const parent = r.level === 'county' && r.parentCode ? byCode.get(r.parentCode) : undefined;
  return `${parent ? parent.name : ''}${r.name}`;
}

/** 330302 → '温州市鹿城区（330302）'. */
export function regionLabel(code: string): string {
  const name = regionName(code);
  return name === code ? code : `${name}（${code}）`;
}
