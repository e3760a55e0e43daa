/** One CSV record with the physical line it starts on (1-based), so rejections can point at the file. */
export type CsvRecord = { line: number; cells: string[] };

/**
 * RFC 4180 CSV: quoted fields may hold commas, quotes ("") and newlines. A UTF-8 BOM (Excel's
 * "CSV UTF-8") is dropped. Written by hand because the format is small and we need start lines.
 */
export function parseCsv(text: string): CsvRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  let cellStarted = false;
  const endRecord = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0] === '' && !cellStarted)) records.push({ line: recordLine, cells });
    cells = [];
    cell = '';
    cellStarted = false;
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (inQuotes) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === '') {
      inQuotes = true;
      cellStarted = true;
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
      cellStarted = true;
    } else if (ch === '\r' && src[i + 1] === '\n') {
      /* handled with \n */
    } else if (ch === '\n') {
      endRecord();
      line++;
      recordLine = line;
    } else {
      cell += ch;
      cellStarted = true;
    }
  }
  if (cell !== '' || cells.length > 0 || cellStarted) endRecord();
  return records;
}

/** Quotes a cell when needed so parseCsv reads it back unchanged. */
export function formatCsvCell(value: string): string {
  return /[",\r\n]/.test(value) || value.startsWith(' ') || value.endsWith(' ') ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV line (RFC 4180, CRLF-free): a cell with a comma, quote or line break is quoted. */
export function formatCsvLine(cells: string[]): string {
  return cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
}
