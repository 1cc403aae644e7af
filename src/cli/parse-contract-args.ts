import type { ContractCredentials } from '../contract/run-cases.js';
import type { ContractOptions } from '../contract/run-contract.js';
import type { ReportFiles } from '../contract/write-reports.js';
import { formatCommandHelp, type CommandSpec } from './command-spec.js';
import { httpUrl, oneOf, wholeNumber } from './flag-values.js';
import { parseCommandArgs } from './parse-command-args.js';

/** `contract` as data: its help and its parser both read this table. */
export const CONTRACT_COMMAND = {
  name: 'contract',
  summary: "check a target (the real API, or the kit itself) against the kit's case table",
  usage: 'contract [options]',
  about: `Runs the kit's case table (every natural scenario, with its images) against a target and checks every
answer: the spec's response schema, the expected status, code and message. Without --base-url it starts the
kit's own server in-process on a free port and checks that (a self-check; every case runs).`,
  flags: {
    'base-url': {
      type: 'string',
      value: 'URL',
      help:
        'the target, for example https://sg-api.advance.ai (cases only a mock can produce are\n' +
        'skipped). Needs credentials in the environment:\n' +
        '  ADVANCE_ACCESS_KEY + ADVANCE_SECRET_KEY   the token flow (checked first)\n' +
        '  ADVANCE_ACCESS_TOKEN                      a ready token',
    },
    junit: {
      type: 'string',
      value: 'FILE',
      help: "write a JUnit XML report (failures, skips with reasons; a warning on its test case:\na <properties> entry and the case's <system-out>)",
    },
    markdown: { type: 'string', value: 'FILE', help: 'write a Markdown table of cases by result, with the reason for each skip and drift' },
    json: { type: 'string', value: 'FILE', help: 'write the full report as JSON' },
    'image-base-url': {
      type: 'string',
      value: 'URL',
      help: 'where you host the files of "face-enroll-mock fixtures export DIR", so URL cases\ncan run against a target that cannot reach this machine (else they are skipped)',
    },
    'user-prefix': { type: 'string', value: 'P', help: 'every userId sent starts with P (default contract-; "" for none)' },
    timeout: { type: 'string', value: 'MS', help: 'give up on a request after MS ms: the case fails as timeout (default 30000)' },
    'fail-on': {
      type: 'string',
      value: 'LEVEL',
      help: 'failure (default): exit 1 on a failed case; warning: on a warning too (drift not accepted)',
    },
    baseline: {
      type: 'string',
      value: 'FILE',
      help: 'accepted drifts (JSON, keyed by operation, case and kind): an accepted drift passes,\na new or changed one fails',
    },
    'update-baseline': { type: 'boolean', help: "write this run's drifts into the --baseline FILE (review it, commit it)" },
    only: {
      type: 'string',
      value: 'PATTERN',
      help: 'only the cases whose id or name contains PATTERN (case-insensitive; * matches anything)',
    },
  },
  epilogue: `Exit codes: 0 every case passed (warnings allowed: message and additive drift, unless --fail-on
warning), 1 a case failed (code drift, another status, a schema violation, no answer, a timeout, a drift not
in the --baseline), 2 a usage or configuration error (no credentials, a refused token). Every report asked
for is written on every exit; a configuration error is its one failing case.`,
} as const satisfies CommandSpec;

export const CONTRACT_USAGE = formatCommandHelp(CONTRACT_COMMAND);

export const FIXTURES_COMMAND = {
  name: 'fixtures',
  summary: "export DIR: write the images the contract's URL cases need, to host them",
  usage: 'fixtures export DIR',
  about: `Writes the images the contract's URL cases download into DIR (created if needed), under flat names. Serve DIR
over HTTP(S) where the API can reach it and pass that URL to "face-enroll-mock contract --image-base-url".
Leave not-exported-404.jpg absent: the 404 case needs a missing file.`,
  flags: {},
  positionals: { min: 2, max: 2, label: 'export DIR' },
} as const satisfies CommandSpec;

export const FIXTURES_USAGE = formatCommandHelp(FIXTURES_COMMAND);

export interface ContractArgs {
  options: ContractOptions;
  reports: ReportFiles;
  /** `warning`: exit 1 on a warning too. */
  failOn: 'failure' | 'warning';
  help: boolean;
  version: boolean;
}

export type ParseContractResult = { ok: true; args: ContractArgs } | { ok: false; error: string };

const REPORT_FLAGS = ['junit', 'markdown', 'json'] as const;

/**
 * The report files named on a command line, read even when it is refused (an unknown flag, a bad value), so
 * the refusal is written into them too: `--junit FILE` and `--junit=FILE`, the last one given.
 */
export function reportFilesOf(argv: readonly string[]): ReportFiles {
  const files: ReportFiles = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--') break;
    for (const flag of REPORT_FLAGS) {
      const arg = argv[i]!;
      if (arg.startsWith(`--${flag}=`)) files[flag] = arg.slice(flag.length + 3);
      else if (arg === `--${flag}` && argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) files[flag] = argv[++i]!;
    }
  }
  for (const flag of REPORT_FLAGS) if (files[flag] === '') delete files[flag];
  return files;
}

/** `contract`'s flags and the credentials from the environment; every bad value is named with what would be right. */
export function parseContractArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ParseContractResult {
  const parsed = parseCommandArgs(CONTRACT_COMMAND, argv);
  if (!parsed.ok) return parsed;
  if (parsed.help || parsed.version)
    return { ok: true, args: { options: {}, reports: {}, failOn: 'failure', help: parsed.help, version: parsed.version } };
  const { values } = parsed;
  const baseUrl = values['base-url'];
  if (baseUrl !== undefined) {
    const checked = httpUrl('base-url', baseUrl, 'https://sg-api.advance.ai');
    if (!checked.ok) return checked;
  }
  const imageBaseUrl = values['image-base-url'];
  if (imageBaseUrl !== undefined) {
    const checked = httpUrl('image-base-url', imageBaseUrl, 'https://files.example.com/fixtures (where the exported fixtures are served)');
    if (!checked.ok) return checked;
  }
  const prefix = values['user-prefix'];
  if (prefix !== undefined && prefix !== '' && !/^[A-Za-z0-9_.@:-]{1,32}$/.test(prefix))
    return { ok: false, error: `--user-prefix must be at most 32 of A-Z a-z 0-9 _ - . @ : (the start of a valid userId), got "${prefix}"` };
  if (values.only !== undefined && values.only.trim() === '') return { ok: false, error: '--only must name a pattern, got ""' };
  for (const flag of REPORT_FLAGS) if (values[flag] === '') return { ok: false, error: `--${flag} must name a file, got ""` };
  const timeout = values.timeout === undefined ? undefined : wholeNumber('timeout', values.timeout, 1, 600_000, ' (ms)');
  if (timeout && !timeout.ok) return timeout;
  const failOn = oneOf('fail-on', values['fail-on'] ?? 'failure', ['failure', 'warning'] as const);
  if (!failOn.ok) return failOn;
  if (values.baseline === '') return { ok: false, error: '--baseline must name a file, got ""' };
  if (values['update-baseline'] && values.baseline === undefined)
    return { ok: false, error: '--update-baseline needs --baseline FILE: the file to write the accepted drifts into' };

  let credentials: ContractCredentials | undefined;
  let credentialsHint: string | undefined;
  if (baseUrl !== undefined) {
    const { ADVANCE_ACCESS_KEY: key, ADVANCE_SECRET_KEY: secret, ADVANCE_ACCESS_TOKEN: token } = env;
    if (key && secret)
      [credentials, credentialsHint] = [{ accessKey: key, secretKey: secret }, 'ADVANCE_ACCESS_KEY and ADVANCE_SECRET_KEY'];
    else if ((key || secret) && !token)
      return {
        ok: false,
        error: `${key ? 'ADVANCE_ACCESS_KEY is set but ADVANCE_SECRET_KEY is not' : 'ADVANCE_SECRET_KEY is set but ADVANCE_ACCESS_KEY is not'}: set both (the token flow), or ADVANCE_ACCESS_TOKEN`,
      };
    else if (token) [credentials, credentialsHint] = [{ accessToken: token }, 'ADVANCE_ACCESS_TOKEN'];
    else
      return {
        ok: false,
        error: `--base-url ${baseUrl} needs credentials: set ADVANCE_ACCESS_KEY and ADVANCE_SECRET_KEY (the token flow) or ADVANCE_ACCESS_TOKEN in the environment`,
      };
  }
  const options: ContractOptions = {
    ...(baseUrl !== undefined ? { baseUrl } : {}),
    ...(credentials ? { credentials } : {}),
    ...(credentialsHint ? { credentialsHint } : {}),
    ...(imageBaseUrl !== undefined ? { imageBaseUrl } : {}),
    ...(prefix !== undefined ? { userPrefix: prefix } : {}),
    ...(values.only !== undefined ? { only: values.only } : {}),
    ...(timeout ? { timeoutMs: timeout.value } : {}),
    ...(values.baseline !== undefined ? { baseline: { file: values.baseline, update: values['update-baseline'] === true } } : {}),
  };
  const reports: ReportFiles = {
    ...(values.junit ? { junit: values.junit } : {}),
    ...(values.markdown ? { markdown: values.markdown } : {}),
    ...(values.json ? { json: values.json } : {}),
  };
  return { ok: true, args: { options, reports, failOn: failOn.value, help: false, version: false } };
}

/** `fixtures export DIR`: the one subcommand and its folder (null when only the help or version was asked for). */
export function parseFixturesArgs(argv: string[]): { ok: true; dir: string | null; help: boolean } | { ok: false; error: string } {
  const parsed = parseCommandArgs(FIXTURES_COMMAND, argv);
  if (!parsed.ok) return parsed;
  if (parsed.help || parsed.version) return { ok: true, dir: null, help: parsed.help };
  const [sub, dir] = parsed.positionals as [string, string];
  if (sub !== 'export') return { ok: false, error: `the subcommand must be export, got "${sub}": write fixtures export DIR` };
  return { ok: true, dir, help: false };
}
