/**
 * Attendee lists as CSV, both ways. Reading accepts what spreadsheets write: a header row, `,` or `;` (Swedish
 * Excel), UTF-8 with or without a byte order mark, quoted fields with `""` and line breaks inside quotes, CRLF or
 * LF. Writing defuses cells that a spreadsheet would run as a formula (OWASP "CSV injection") with a leading `'`.
 */
import { AppError } from '../../errors.ts';

export interface CsvRecord {
  /** The physical line the record starts on, the header being line 1. */
  line: number;
  cells: string[];
}

const BOM = '\uFEFF';

/** `;` when the header line has more semicolons than commas outside quotes, else `,`. */
export function detectSeparator(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/** Splits CSV text into records; blank lines are skipped. An unclosed quote is CSV_INVALID. */
export function parseCsv(input: string): { separator: ',' | ';'; records: CsvRecord[] } {
  const text = input.startsWith(BOM) ? input.slice(1) : input;
  const separator = detectSeparator(text);
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 1;
  let i = 0;
  const endRecord = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0]!.trim() !== '') records.push({ line: recordLine, cells });
    cells = [];
    cell = '';
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') { cell += '"'; i += 2; continue; }
        quoted = false;
      } else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
        cell += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && cell.trim() === '') { quoted = true; quoteLine = line; cell = ''; i++; continue; }
    if (ch === separator) { cells.push(cell); cell = ''; i++; continue; }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    cell += ch;
    i++;
  }
  if (quoted) throw new AppError('CSV_INVALID', `A quoted field opened on line ${quoteLine} is never closed`, { line: quoteLine });
  if (cell !== '' || cells.length > 0) endRecord();
  return { separator, records };
}

export type CsvField = string | number | null;
const FORMULA_START = /^[=+\-@\t\r]/;

function field(value: CsvField, separator: string): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return text.includes(separator) || /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows as CSV, every record ended by CRLF; `excel` is Swedish Excel's flavour: `;` and a byte order mark. */
export function writeCsv(rows: CsvField[][], excel: boolean): string {
  const separator = excel ? ';' : ',';
  let out = excel ? BOM : '';
  for (const row of rows) out += `${row.map((v) => field(v, separator)).join(separator)}\r\n`;
  return out;
}
