import { describe, expect, it } from 'vitest';
import { formatCsvCell, parseCsv } from '../../src/intake/csv.parser';

describe('parseCsv', () => {
  it('keeps commas, doubled quotes and newlines inside quoted cells and reports start lines', () => {
    const rows = parseCsv('a,b\r\n"x,1","say ""hi""\nthere"\n3,4\n');
    expect(rows).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x,1', 'say "hi"\nthere'] },
      { line: 4, cells: ['3', '4'] },
    ]);
  });

  it('drops the UTF-8 BOM Excel writes and skips blank lines', () => {
    expect(parseCsv('\ufeffname\n\n张三\n')).toEqual([
      { line: 1, cells: ['name'] },
      { line: 3, cells: ['张三'] },
    ]);
  });

  it('reads back what formatCsvCell wrote', () => {
    const values = ['plain', 'a,b', 'quote "q"', 'multi\nline', ' padded '];
    expect(parseCsv(values.map(formatCsvCell).join(','))[0].cells).toEqual(values);
  });
});
