/** One flag of a command: its value's kind, the label its help shows for the value, and one line of help (or more). */
export interface FlagSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** What the help shows after the flag: `--port N`. Only for string flags. */
  value?: string;
  /** Help text; a `\n` continues it on the next line, indented under the first. */
  help: string;
}

export type Flags = Record<string, FlagSpec>;

/**
 * A command of the CLI as data: `face-enroll-mock --help` lists every command by its summary, `COMMAND --help`
 * prints formatCommandHelp(spec), and parseCommandArgs checks argv against `flags`. Adding a flag is one entry
 * in `flags` (and reading its value where the command builds its options).
 */
export interface CommandSpec<F extends Flags = Flags> {
  name: string;
  /** One line for `face-enroll-mock --help`. */
  summary: string;
  /** What follows `Usage: face-enroll-mock ` (for example `serve [options]`). */
  usage: string;
  /** Paragraphs between the usage line and the options. */
  about?: string;
  flags: F;
  /** Words the command takes besides flags (`fixtures export DIR`); none when absent. */
  positionals?: { min: number; max: number; label: string };
  /** Text after the options (exit codes, environment). */
  epilogue?: string;
}

/** Every command also takes these; they are answered before any other flag is looked at. */
export const commonFlags = {
  help: { type: 'boolean', short: 'h', help: 'this text' },
  version: { type: 'boolean', short: 'v', help: "the kit's version" },
} as const satisfies Flags;

const LABEL_WIDTH = 21;

/** The command's `--help` text: usage, what it does, then one row per flag from its table. */
export function formatCommandHelp(spec: CommandSpec): string {
  const all: Flags = { ...spec.flags, ...commonFlags };
  const rows = Object.entries(all).map(([name, flag]) => {
    const label = `${flag.short ? `-${flag.short}, ` : ''}--${name}${flag.type === 'string' ? ` ${flag.value ?? 'VALUE'}` : ''}`;
    const [first, ...more] = flag.help.split('\n');
    const gap = label.length + 2 <= LABEL_WIDTH ? ' '.repeat(LABEL_WIDTH - label.length) : '  ';
    return [`  ${label}${gap}${first}`, ...more.map((line) => `${' '.repeat(LABEL_WIDTH + 2)}${line}`)].join('\n');
  });
  return [
    `Usage: face-enroll-mock ${spec.usage}`,
    ...(spec.about ? ['', spec.about.trimEnd()] : []),
    '',
    'Options:',
    ...rows,
    ...(spec.epilogue ? ['', spec.epilogue.trimEnd()] : []),
    '',
  ].join('\n');
}
