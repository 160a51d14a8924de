// The human-readable report: one table, a section per scenario, a verdict column for the goals.

/** 'met', 'NOT MET', 'not measured', or either of the first two with the size it was measured at. */
export type Verdict = string;

export interface Row {
  metric: string;
  value: string;
  goal?: string;
  verdict?: Verdict;
}

export interface Section {
  title: string;
  rows: Row[];
  notes?: string[];
}

export function renderTable(sections: readonly Section[]): string {
  const all = sections.flatMap((s) => s.rows);
  const w = {
    metric: Math.max(6, ...all.map((r) => r.metric.length)),
    value: Math.max(5, ...all.map((r) => r.value.length)),
    goal: Math.max(4, ...all.map((r) => (r.goal ?? '').length)),
  };
  const line = (a: string, b: string, c: string, d: string) => `${a.padEnd(w.metric)}  ${b.padStart(w.value)}  ${c.padEnd(w.goal)}  ${d}`.trimEnd();
  const rule = '─'.repeat(w.metric + w.value + w.goal + 18);
  const out = [line('metric', 'value', 'goal', 'verdict'), rule];
  for (const s of sections) {
    out.push(`▸ ${s.title}`);
    for (const r of s.rows) out.push(line(r.metric, r.value, r.goal ?? '', r.verdict ?? ''));
    for (const n of s.notes ?? []) out.push(`  · ${n}`);
  }
  out.push(rule);
  return out.join('\n');
}

/** Formats a number for the table: thousands separated by thin spaces, at most `digits` decimals. */
export function fmt(x: number | null | undefined, unit = '', digits = 1): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  const s = Math.abs(x) >= 1000 ? Math.round(x).toLocaleString('en-US') : String(Number(x.toFixed(digits)));
  return unit ? `${s} ${unit}` : s;
}

export const bytes = (b: number | null | undefined) =>
  b === null || b === undefined || Number.isNaN(b) ? '–' : Math.abs(b) >= 1024 * 1024 ? `${fmt(b / 1024 / 1024, 'MiB')}` : `${fmt(b / 1024, 'KiB')}`;

/**
 * A goal's verdict. Below the goal's size the result is still shown, marked with the size it held at: a goal met
 * with 200 attendees says little about 10,000, one missed with 200 says a lot.
 */
export function verdict(measured: boolean, ok: boolean, size?: { at: number; goal: number }): Verdict {
  if (!measured) return 'not measured';
  const word = ok ? 'met' : 'NOT MET';
  return size && size.at < size.goal ? `${word} (at ${size.at.toLocaleString('en-US')})` : word;
}
