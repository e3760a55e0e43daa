import type { EntityKind, FieldError } from './intake.service';

// Flat (CSV / Excel) layouts of the JSON Lines records: dotted names for nested objects, `;` for
// lists of strings, and JSON text for lists of objects (projects, patents, ...). Documented in
// docs/import-formats.md.
type ColumnType = 'string' | 'number' | 'boolean' | 'list' | 'json';
export type ColumnSpec = Record<string, ColumnType>;

export const COLUMNS: Record<EntityKind, ColumnSpec> = {
  experts: {
    externalId: 'string',
    name: 'string',
    gender: 'string',
    birthDate: 'string',
    title: 'string',
    degree: 'string',
    education: 'string',
    'institution.name': 'string',
    'institution.type': 'string',
    'institution.region': 'string',
    region: 'string',
    fields: 'list',
    workStartYear: 'number',
    workStartDate: 'string',
    honours: 'list',
    'contact.phone': 'string',
    'contact.email': 'string',
    'sendingUnit.consents': 'boolean',
    'sendingUnit.opinion': 'string',
    'sendingUnit.date': 'string',
    'commitment.daysPerMonth': 'number',
    'commitment.daysPerYear': 'number',
    'commitment.note': 'string',
    projects: 'json',
    patents: 'json',
    papers: 'json',
    badRecords: 'json',
    serviceHistory: 'json',
    cooperations: 'json',
  },
  enterprises: {
    creditCode: 'string',
    name: 'string',
    region: 'string',
    registeredAt: 'string',
    employees: 'number',
    revenue: 'number',
    qualifications: 'list',
    industry: 'string',
    legalRepresentative: 'string',
    legalRepresentativePhone: 'string',
    'contact.name': 'string',
    'contact.phone': 'string',
    address: 'string',
    rdInstitutions: 'json',
    rdAreaM2: 'number',
    rdStaff: 'number',
    rdEquipmentValue: 'number',
    rdSpendingBand: 'string',
    rdProjectModes: 'list',
    creditIssues: 'json',
    relatedParties: 'json',
  },
  demands: {
    externalId: 'string',
    enterpriseCreditCode: 'string',
    cycle: 'string',
    title: 'string',
    description: 'string',
    expectedField: 'string',
    expectedSource: 'string',
    namedCandidates: 'json',
    keyCommonTech: 'boolean',
    expectedCooperation: 'string',
    cooperationModes: 'list',
    partnerRequirements: 'string',
    expectedFunding: 'number',
    providesConditions: 'boolean',
    conditionsNote: 'string',
    candidatesNote: 'string',
    requestsVicePresident: 'boolean',
    problem: 'string',
    externalCooperationNeeded: 'boolean',
    otherCooperationMode: 'string',
  },
};

const TRUE = new Set(['true', '1', 'yes', 'y', '是', '有']);
const FALSE = new Set(['false', '0', 'no', 'n', '否', '无']);

/** Turns one row of cells into the JSON record shape; empty cells mean "absent". */
export function toRecord(kind: EntityKind, header: string[], cells: string[]): { record?: Record<string, unknown>; errors: FieldError[] } {
  const spec = COLUMNS[kind];
  const record: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  header.forEach((name, i) => {
    const raw = (cells[i] ?? '').trim();
    if (raw === '') return;
    const type = spec[name];
    let value: unknown = raw;
    if (type === 'number') {
      value = Number(raw);
      if (!Number.isFinite(value as number)) {
        errors.push({ field: name, message: `应为数字：${raw}` });
        return;
      }
    } else if (type === 'boolean') {
      const low = raw.toLowerCase();
      if (TRUE.has(low)) value = true;
      else if (FALSE.has(low)) value = false;
      else {
        errors.push({ field: name, message: `应为 是/否：${raw}` });
        return;
      }
    } else if (type === 'list') {
      value = raw
        .split(/[;；]/)
        .map((s) => s.trim())
        .filter(Boolean);
    } else if (type === 'json') {
      try {
        value = JSON.parse(raw);
      } catch {
        errors.push({ field: name, message: '应为 JSON 数组' });
        return;
      }
    }
    const path = name.split('.');
    let target = record;
    for (const key of path.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
    target[path[path.length - 1]] = value;
  });
  return errors.length ? { errors } : { record, errors };
}

/** The inverse of `toRecord`: one record in the flat layout, every column of the kind in order (CSV export). */
export function toCells(kind: EntityKind, record: Record<string, unknown>): string[] {
  return Object.entries(COLUMNS[kind]).map(([name, type]) => {
    let value: unknown = record;
    for (const key of name.split('.')) value = value === undefined || value === null ? undefined : (value as Record<string, unknown>)[key];
    if (value === undefined || value === null) return '';
    if (type === 'boolean') return value ? 'true' : 'false';
    if (type === 'list') return (value as string[]).join(';');
    if (type === 'json') return (value as unknown[]).length ? JSON.stringify(value) : '';
    return String(value);
  });
}

/** Columns the kind does not know: reported once for the header instead of silently dropped. */
export function findUnknownColumns(kind: EntityKind, header: string[]): string[] {
  return header.filter((h) => !(h in COLUMNS[kind]));
}
