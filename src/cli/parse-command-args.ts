import { parseArgs } from 'node:util';
import { commonFlags, type CommandSpec, type Flags } from './command-spec.js';
import { suggestName } from '../core/text/suggest-name.js';

export type FlagValues<F extends Flags> = { [K in keyof F]?: F[K]['type'] extends 'boolean' ? boolean : string };

export type ParsedCommandArgs<F extends Flags> =
  { ok: true; values: FlagValues<F>; positionals: string[]; help: boolean; version: boolean } | { ok: false; error: string };

/**
 * argv against a command's flag table, with node's own parser (util.parseArgs, in non-strict mode so that the
 * messages are ours: `--port -1` is a value to range-check, not "argument is ambiguous"). Every error is one line
 * that names the input and what to write instead; an unknown flag gets the nearest known one and a pointer to
 * --help rather than the whole usage text.
 */
export function parseCommandArgs<F extends Flags>(spec: CommandSpec<F>, argv: string[]): ParsedCommandArgs<F> {
  const flags: Flags = { ...spec.flags, ...commonFlags };
  const options = Object.fromEntries(
    Object.entries(flags).map(([name, flag]) => [name, flag.short ? { type: flag.type, short: flag.short } : { type: flag.type }]),
  );
  const { tokens } = parseArgs({ args: argv, options, strict: false, allowPositionals: true, tokens: true });
  const help = `Run "face-enroll-mock ${spec.name} --help" for its options.`;
  const known = new Set([
    ...Object.keys(flags).map((n) => `--${n}`),
    ...Object.values(flags).flatMap((f) => (f.short ? [`-${f.short}`] : [])),
  ]);
  const values: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'option-terminator') continue;
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    const flag = flags[token.name];
    if (!flag) {
      // A short flag is one letter: spelling distance means nothing there, the long flags it may stand for do.
      const long = [...known].filter((n) => n.startsWith('--'));
      const byLetter = long.filter((n) => n[2] === token.rawName[1]);
      const nearest = token.rawName.startsWith('--')
        ? suggestName(token.rawName, long)
        : byLetter.length && byLetter.length <= 3
          ? `${byLetter.slice(0, -1).join(', ')}${byLetter.length > 1 ? ' or ' : ''}${byLetter.at(-1)}`
          : undefined;
      return { ok: false, error: `unknown option ${token.rawName}${nearest ? `: did you mean ${nearest}?` : '.'} ${help}` };
    }
    const label = `--${token.name}`;
    if (flag.type === 'boolean') {
      if (token.value !== undefined) return { ok: false, error: `${label} takes no value, got "${token.value}": write ${label} alone` };
      values[token.name] = true;
      continue;
    }
    // A flag right after a flag that needs a value: the value was forgotten (a dash-number such as -1 is a value).
    const next = token.value;
    if (next === undefined || (!token.inlineValue && known.has(next.split('=')[0]!)))
      return {
        ok: false,
        error: `${label} needs a value${next === undefined ? '' : `, got the option ${next} instead`}: write ${label} ${flag.value ?? 'VALUE'}`,
      };
    values[token.name] = next;
  }
  if (values.help === true || values.version === true)
    return { ok: true, values: values as FlagValues<F>, positionals, help: values.help === true, version: values.version === true };
  const { min = 0, max = 0, label = '' } = spec.positionals ?? {};
  if (positionals.length > max) {
    const extra = positionals.slice(max).map((p) => `"${p}"`);
    const takes = max === 0 ? 'takes options only' : `takes ${label}`;
    return {
      ok: false,
      error: `unexpected argument ${extra.join(' ')}: ${spec.name} ${takes}. ${help}`,
    };
  }
  if (positionals.length < min)
    return {
      ok: false,
      error: `${spec.name} needs ${label}, got ${positionals.length ? `only "${positionals.join(' ')}"` : 'none'}. ${help}`,
    };
  return { ok: true, values: values as FlagValues<F>, positionals, help: false, version: false };
}
