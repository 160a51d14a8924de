import type { PollResults } from '@samling/protocol';
import { describe, expect, it } from 'vitest';
import { pollResultsCsv, toCsv } from './csv.ts';
import { ids, makeOptions } from './polls.fixtures.ts';

const BOM = '\uFEFF';

/** A minimal RFC 4180 reader, enough to read our own output back. */
function parseCsv(text: string): string[][] {
  expect(text.startsWith(BOM)).toBe(true);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.slice(1);
  for (let i = 0; i < body.length; i += 1) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && body[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += c;
  }
  expect(field).toBe('');
  expect(row).toEqual([]);
  return rows;
}

describe('toCsv', () => {
  it('starts with a BOM and ends every record with CRLF', () => {
    expect(toCsv([['a', 'b'], ['c', 'd']])).toBe(`${BOM}a,b\r\nc,d\r\n`);
    expect(toCsv([])).toBe(BOM);
  });

  it('quotes fields with commas, quotes or line breaks, doubling quotes', () => {
    expect(toCsv([['a,b', 'säg "hej"', 'rad 1\nrad 2', 'cr\r', 'vanlig text']])).toBe(
      `${BOM}"a,b","säg ""hej""","rad 1\nrad 2","cr\r",vanlig text\r\n`,
    );
  });

  it('writes numbers as numbers and null as an empty field', () => {
    expect(toCsv([[1, 2.5, -3, null, 0, Number.NaN]])).toBe(`${BOM}1,2.5,-3,,0,\r\n`);
  });

  it('defuses text that a spreadsheet would run as a formula', () => {
    const evil = ['=1+1', '+46 70', '-2', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x","klick")'];
    expect(parseCsv(toCsv([evil]))).toEqual([["'=1+1", "'+46 70", "'-2", "'@SUM(A1)", "'\tx", "'\rx", `'=HYPERLINK("http://x","klick")`]]);
    // Only a leading character matters.
    expect(toCsv([['a=b', ' =1']])).toBe(`${BOM}a=b, =1\r\n`);
  });

  it('reads back to the same rows', () => {
    const rows = [
      ['Fråga', 'Vad är "bäst", egentligen?'],
      ['Åsa', 'två\r\nrader'],
      ['', 'ö'],
    ];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
  });
});

describe('pollResultsCsv', () => {
  const options = makeOptions(['Ja, absolut', 'Nej', 'Vet ej']);
  const base = { question: 'Gillar du "CSV"?', options };
  const lines = (csv: string) => parseCsv(csv);

  it('single: question, voters, then one row per option', () => {
    const results: PollResults = {
      kind: 'single',
      voters: 3,
      options: [
        { optionId: ids.a, count: 2 },
        { optionId: ids.b, count: 1 },
        { optionId: ids.c, count: 0 },
      ],
    };
    const csv = pollResultsCsv({ ...base, kind: 'single' }, results);
    expect(csv).toBe(`${BOM}Fråga,"Gillar du ""CSV""?"\r\nAntal svarande,3\r\n\r\nAlternativ,Antal\r\n"Ja, absolut",2\r\nNej,1\r\nVet ej,0\r\n`);
  });

  it('quiz: counts, then the leaderboard', () => {
    const results: PollResults = {
      kind: 'quiz',
      voters: 2,
      options: [
        { optionId: ids.a, count: 0 },
        { optionId: ids.b, count: 2 },
        { optionId: ids.c, count: 0 },
      ],
      leaderboard: [
        { name: 'Åsa', points: 1900 },
        { name: '=Bo', points: 950 },
      ],
    };
    expect(lines(pollResultsCsv({ ...base, kind: 'quiz' }, results)).slice(3)).toEqual([
      ['Alternativ', 'Antal'],
      ['Ja, absolut', '0'],
      ['Nej', '2'],
      ['Vet ej', '0'],
      [''],
      ['Placering', 'Namn', 'Poäng'],
      ['1', 'Åsa', '1900'],
      ['2', "'=Bo", '950'],
    ]);
  });

  it('wordcloud: words and counts', () => {
    const results: PollResults = { kind: 'wordcloud', voters: 2, words: [{ word: 'industri 4.0', count: 2 }, { word: '-minus', count: 1 }] };
    expect(lines(pollResultsCsv({ question: 'Ett ord?', kind: 'wordcloud', options: [] }, results))).toEqual([
      ['Fråga', 'Ett ord?'],
      ['Antal svarande', '2'],
      [''],
      ['Ord', 'Antal'],
      ['industri 4.0', '2'],
      ["'-minus", '1'],
    ]);
  });

  it('scale: average, answers and a column per scale value', () => {
    const results: PollResults = {
      kind: 'scale',
      voters: 3,
      statements: [
        { optionId: ids.a, distribution: [0, 1, 2], average: 1.67, answers: 3 },
        { optionId: ids.b, distribution: [0, 0, 0], average: null, answers: 0 },
      ],
    };
    expect(lines(pollResultsCsv({ ...base, kind: 'scale', settings: { scaleMin: 0 } }, results)).slice(3)).toEqual([
      ['Påstående', 'Medelvärde', 'Antal svar', 'Antal 0', 'Antal 1', 'Antal 2'],
      ['Ja, absolut', '1.67', '3', '0', '1', '2'],
      ['Nej', '', '0', '0', '0', '0'],
    ]);
    expect(lines(pollResultsCsv({ ...base, kind: 'scale' }, results))[3]?.slice(3)).toEqual(['Antal 1', 'Antal 2', 'Antal 3']);
  });

  it('ranking: placement, option and average placement', () => {
    const results: PollResults = {
      kind: 'ranking',
      voters: 3,
      options: [
        { optionId: ids.c, averageRank: 1.33 },
        { optionId: ids.a, averageRank: 2 },
        { optionId: ids.b, averageRank: null },
      ],
    };
    expect(lines(pollResultsCsv({ ...base, kind: 'ranking' }, results)).slice(3)).toEqual([
      ['Placering', 'Alternativ', 'Medelplacering'],
      ['1', 'Vet ej', '1.33'],
      ['2', 'Ja, absolut', '2'],
      ['', 'Nej', ''],
    ]);
  });

  it('open: answers and times, line breaks kept inside the field', () => {
    const results: PollResults = {
      kind: 'open',
      voters: 2,
      answers: [
        { id: ids.a, text: 'Mer fika,\ntack', at: '2026-10-24T09:00:30.000Z' },
        { id: ids.b, text: '@alla', at: '2026-10-24T09:00:10.000Z' },
      ],
    };
    expect(lines(pollResultsCsv({ question: 'Tankar?', kind: 'open', options: [] }, results)).slice(3)).toEqual([
      ['Svar', 'Tid'],
      ['Mer fika,\ntack', '2026-10-24T09:00:30.000Z'],
      ["'@alla", '2026-10-24T09:00:10.000Z'],
    ]);
  });
});
