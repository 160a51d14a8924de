/**
 * Poll results as CSV for moderators to open in a spreadsheet.
 *
 * RFC 4180 (comma, CRLF, double quotes), with a UTF-8 byte order mark because Excel otherwise reads
 * the file as the legacy code page and mangles å ä ö. Answers are typed by the audience, so a text
 * that looks like a formula is defused (OWASP "CSV injection"): it must never run in a moderator's
 * spreadsheet.
 */
import type { Poll, PollResults } from '@samling/protocol';

export type CsvField = string | number | null;

const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

function field(value: CsvField): string {
  if (value === null) return '';
  // Numbers are ours, not the audience's, and a leading apostrophe would turn -1 into text.
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows as CSV text, BOM first and every record ended by CRLF. */
export function toCsv(rows: CsvField[][]): string {
  let out = BOM;
  for (const row of rows) out += `${row.map(field).join(',')}\r\n`;
  return out;
}

/** The scale's lowest value labels the distribution columns; without settings, the protocol default. */
const DEFAULT_SCALE_MIN = 1;

/**
 * A readable table of a poll's results: the question, the number of people who answered, then one
 * table for the kind. `settings.scaleMin` is only needed to label a scale's columns.
 */
export function pollResultsCsv(
  poll: Pick<Poll, 'question' | 'kind' | 'options'> & { settings?: Pick<Poll['settings'], 'scaleMin'> },
  results: PollResults,
): string {
  const labels = new Map(poll.options.map((o) => [o.id, o.label]));
  // An id without a label can only come from an option removed after the results were made.
  const label = (id: string) => labels.get(id) ?? id;
  const rows: CsvField[][] = [['Fråga', poll.question], ['Antal svarande', results.voters], []];

  switch (results.kind) {
    case 'single':
    case 'multiple':
    case 'quiz':
      rows.push(['Alternativ', 'Antal']);
      for (const o of results.options) rows.push([label(o.optionId), o.count]);
      if (results.kind === 'quiz' && results.leaderboard.length > 0) {
        rows.push([], ['Placering', 'Namn', 'Poäng']);
        results.leaderboard.forEach((e, i) => rows.push([i + 1, e.name, e.points]));
      }
      break;
    case 'wordcloud':
      rows.push(['Ord', 'Antal']);
      for (const w of results.words) rows.push([w.word, w.count]);
      break;
    case 'scale': {
      const min = poll.settings?.scaleMin ?? DEFAULT_SCALE_MIN;
      const width = Math.max(0, ...results.statements.map((s) => s.distribution.length));
      const values = Array.from({ length: width }, (_, i) => `Antal ${min + i}`);
      rows.push(['Påstående', 'Medelvärde', 'Antal svar', ...values]);
      for (const s of results.statements) rows.push([label(s.optionId), s.average, s.answers, ...s.distribution]);
      break;
    }
    case 'ranking':
      rows.push(['Placering', 'Alternativ', 'Medelplacering']);
      results.options.forEach((o, i) => rows.push([o.averageRank === null ? null : i + 1, label(o.optionId), o.averageRank]));
      break;
    case 'open':
      rows.push(['Svar', 'Tid']);
      for (const a of results.answers) rows.push([a.text, a.at]);
      break;
  }
  return toCsv(rows);
}
