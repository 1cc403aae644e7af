import { parseArgs } from 'node:util';
import type { ContractCredentials } from '../contract/run-cases.js';
import type { ContractOptions } from '../contract/run-contract.js';
import type { ReportFiles } from '../contract/write-reports.js';

export const CONTRACT_USAGE = `Usage: face-enroll-mock contract [options]

Runs the kit's case table (every natural scenario, with its images) against a target and checks every
answer: the spec's response schema, the expected status, code and message. Without --base-url it starts the
kit's own server in-process on a free port and checks that (a self-check; every case runs).

Options:
  --base-url URL        the target, for example https://sg-api.advance.ai (cases only a mock can produce are
                        skipped). Needs credentials in the environment:
                          ADVANCE_ACCESS_KEY + ADVANCE_SECRET_KEY   the token flow (checked first)
                          ADVANCE_ACCESS_TOKEN                      a ready token
  --junit FILE          write a JUnit XML report (failures, skips with reasons, warnings in system-out)
  --markdown FILE       write a Markdown table of cases by result, with the reason for each skip and drift
  --json FILE           write the full report as JSON
  --image-base-url URL  where you host the files of "face-enroll-mock fixtures export DIR", so URL cases
                        can run against a target that cannot reach this machine (else they are skipped)
  --user-prefix P       every userId sent starts with P (default contract-; "" for none)
  --only PATTERN        only the cases whose id or name contains PATTERN (case-insensitive; * matches anything)
  -h, --help            this text

Exit codes: 0 every case passed (warnings allowed: message drift), 1 a case failed (code drift, another
status, a schema violation, no answer), 2 a usage or configuration error (no credentials, a refused token).
`;

export const FIXTURES_USAGE = `Usage: face-enroll-mock fixtures export DIR

Writes the images the contract's URL cases download into DIR (created if needed), under flat names. Serve DIR
over HTTP(S) where the API can reach it and pass that URL to "face-enroll-mock contract --image-base-url".
Leave not-exported-404.jpg absent: the 404 case needs a missing file.
`;

export interface ContractArgs {
  options: ContractOptions;
  reports: ReportFiles;
  help: boolean;
}

export type ParseContractResult = { ok: true; args: ContractArgs } | { ok: false; error: string };

const isHttpUrl = (text: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
};

/** `contract`'s flags and the credentials from the environment; every bad value is named with what would be right. */
export function parseContractArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ParseContractResult {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        'base-url': { type: 'string' },
        junit: { type: 'string' },
        markdown: { type: 'string' },
        json: { type: 'string' },
        'image-base-url': { type: 'string' },
        'user-prefix': { type: 'string' },
        only: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  if (values.help) return { ok: true, args: { options: {}, reports: {}, help: true } };
  const baseUrl = values['base-url'];
  if (baseUrl !== undefined && !isHttpUrl(baseUrl))
    return { ok: false, error: `--base-url must be an http(s) URL such as https://sg-api.advance.ai, got "${baseUrl}"` };
  const imageBaseUrl = values['image-base-url'];
  if (imageBaseUrl !== undefined && !isHttpUrl(imageBaseUrl))
    return { ok: false, error: `--image-base-url must be an http(s) URL where the exported fixtures are served, got "${imageBaseUrl}"` };
  const prefix = values['user-prefix'];
  if (prefix !== undefined && prefix !== '' && !/^[A-Za-z0-9_.@:-]{1,32}$/.test(prefix))
    return { ok: false, error: `--user-prefix must be at most 32 of A-Z a-z 0-9 _ - . @ : (the start of a valid userId), got "${prefix}"` };
  if (values.only !== undefined && values.only.trim() === '') return { ok: false, error: '--only must name a pattern, got ""' };
  for (const flag of ['junit', 'markdown', 'json'] as const)
    if (values[flag] === '') return { ok: false, error: `--${flag} must name a file, got ""` };

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
  };
  const reports: ReportFiles = {
    ...(values.junit ? { junit: values.junit } : {}),
    ...(values.markdown ? { markdown: values.markdown } : {}),
    ...(values.json ? { json: values.json } : {}),
  };
  return { ok: true, args: { options, reports, help: false } };
}

/** `fixtures export DIR`: the one subcommand and its folder. */
export function parseFixturesArgs(argv: string[]): { ok: true; dir: string | null } | { ok: false; error: string } {
  if (argv.includes('-h') || argv.includes('--help')) return { ok: true, dir: null };
  const [sub, dir, ...rest] = argv;
  if (sub !== 'export') return { ok: false, error: `the subcommand must be export, got ${sub === undefined ? 'none' : `"${sub}"`}` };
  if (!dir || dir.startsWith('-'))
    return { ok: false, error: `export needs the folder to write into, got ${dir === undefined ? 'none' : `"${dir}"`}` };
  if (rest.length) return { ok: false, error: `export takes one folder, got also "${rest.join(' ')}"` };
  return { ok: true, dir };
}
