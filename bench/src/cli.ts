// A small command-line parser: `--name value`, `--name=value`, `--flag`, `--no-flag`. No dependency needed.

export type OptionSpec =
  | { type: 'number'; default: number | null; help: string; min?: number; max?: number; integer?: boolean }
  | { type: 'string'; default: string | null; help: string; choices?: readonly string[] }
  | { type: 'boolean'; default: boolean; help: string }
  | { type: 'list'; default: readonly string[]; help: string; choices?: readonly string[] };

export type Specs = Record<string, OptionSpec>;

type ValueOf<S extends OptionSpec> = S extends { type: 'number'; default: infer D }
  ? number | (D extends null ? null : never)
  : S extends { type: 'string'; default: infer D }
    ? string | (D extends null ? null : never)
    : S extends { type: 'boolean' }
      ? boolean
      : string[];

export type Parsed<T extends Specs> = { -readonly [K in keyof T]: ValueOf<T[K]> } & { help: boolean };

export class UsageError extends Error {}

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Parses `argv` (without node and the script) against `specs`; unknown options and bad values throw UsageError. */
export function parseArgs<T extends Specs>(specs: T, argv: readonly string[]): Parsed<T> {
  const byFlag = new Map(Object.keys(specs).map((k) => [kebab(k), k]));
  const out: Record<string, unknown> = { help: false };
  for (const [k, s] of Object.entries(specs)) out[k] = Array.isArray(s.default) ? [...s.default] : s.default;

  const args = [...argv];
  // pnpm passes the separator through to the script.
  if (args[0] === '--') args.shift();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--help' || arg === '-h') {
      out.help = true;
      continue;
    }
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    let flag = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    let inline: string | undefined = eq > 0 ? arg.slice(eq + 1) : undefined;
    let key = byFlag.get(flag);
    if (!key && flag.startsWith('no-') && specs[byFlag.get(flag.slice(3)) ?? '']?.type === 'boolean') {
      flag = flag.slice(3);
      key = byFlag.get(flag);
      if (inline !== undefined) throw new UsageError(`--no-${flag} takes no value`);
      inline = 'false';
    }
    if (!key) throw new UsageError(`unknown option --${flag}`);
    const spec = specs[key]!;
    if (spec.type === 'boolean') {
      const v = inline ?? 'true';
      if (v !== 'true' && v !== 'false') throw new UsageError(`--${flag} is a switch (true or false)`);
      out[key] = v === 'true';
      continue;
    }
    const raw = inline ?? args[++i];
    if (raw === undefined || (inline === undefined && raw.startsWith('--'))) throw new UsageError(`--${flag} needs a value`);
    out[key] = convert(flag, spec, raw);
  }
  return out as Parsed<T>;
}

function convert(flag: string, spec: Exclude<OptionSpec, { type: 'boolean' }>, raw: string): unknown {
  switch (spec.type) {
    case 'number': {
      // 10k, 2.5k and 1e4 are all fine sizes.
      const m = /^(-?\d+(?:\.\d+)?(?:e\d+)?)(k?)$/i.exec(raw.trim());
      const n = m ? Number(m[1]) * (m[2] ? 1000 : 1) : NaN;
      if (!Number.isFinite(n)) throw new UsageError(`--${flag} needs a number, not "${raw}"`);
      if (spec.integer && !Number.isInteger(n)) throw new UsageError(`--${flag} needs a whole number`);
      if (spec.min !== undefined && n < spec.min) throw new UsageError(`--${flag} is at least ${spec.min}`);
      if (spec.max !== undefined && n > spec.max) throw new UsageError(`--${flag} is at most ${spec.max}`);
      return n;
    }
    case 'string':
      if (spec.choices && !spec.choices.includes(raw)) throw new UsageError(`--${flag} is one of ${spec.choices.join(', ')}`);
      return raw;
    case 'list': {
      const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
      const bad = spec.choices ? items.filter((s) => !spec.choices!.includes(s)) : [];
      if (bad.length) throw new UsageError(`--${flag}: unknown ${bad.join(', ')} (choose from ${spec.choices!.join(', ')})`);
      return items;
    }
  }
}

/** The help text, one line per option, in declaration order. */
export function usage(specs: Specs, intro: string): string {
  const rows = Object.entries(specs).map(([k, s]) => {
    const value = s.type === 'boolean' ? '' : s.type === 'list' ? ' a,b' : s.type === 'number' ? ' N' : ' S';
    const def = s.type === 'list' ? s.default.join(',') : s.default;
    return [`  --${kebab(k)}${value}`, `${s.help}${def === null || def === '' ? '' : ` (default ${def})`}`];
  });
  const width = Math.max(...rows.map(([a]) => a!.length)) + 2;
  return `${intro}\n\n${rows.map(([a, b]) => a!.padEnd(width) + b).join('\n')}\n`;
}
