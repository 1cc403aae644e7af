import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { USER_ID_PATTERN } from '../core/fields/check-fields.js';
import { defaultRules } from '../generated/default-rules.js';
import { refusePrivateByDefault } from '../node/is-private-address.js';
import { acceptDrifts, baselineErrors, baselineOf, type Baseline } from './accept-drifts.js';
import type { ContractCase, ContractReport, CaseResult } from './contract-case.js';
import { totalsOf } from './contract-case.js';
import { ContractConfigError } from './contract-config-error.js';
import { generatedImage } from './generated-images.js';
import { loadContractCases } from './load-contract-cases.js';
import { staticImageUrl, type CaseImages } from './materialize-case.js';
import { prefixRuleUserIds } from './prefix-rule-user-ids.js';
import { runCases, type ContractCredentials, type RunCasesOptions } from './run-cases.js';
import { imagesDir, startImageServer, type ImageServer } from './start-image-server.js';

export interface ContractOptions {
  /** The target. Without it, the kit's own server is started in-process on a free loopback port (a self-check). */
  baseUrl?: string;
  /** Required with `baseUrl`; the self-check makes its own key pair. */
  credentials?: ContractCredentials;
  /** Where the files of `face-enroll-mock fixtures export DIR` are served, for URL cases on a remote target. */
  imageBaseUrl?: string;
  /** Every userId sent starts with it. Default `contract-`. */
  userPrefix?: string;
  /** Run only the cases whose id or name matches (case-insensitive; `*` matches anything). */
  only?: string;
  /** The case table. Default: the packaged one (fixtures/scenarios). */
  cases?: readonly ContractCase[];
  /** `real` (default with a base URL) skips the mock-only cases; `mock` runs them (the target is the kit). */
  mode?: 'mock' | 'real';
  fetch?: typeof fetch;
  /** The target can fetch from this machine's loopback (an in-process MSW target). Default: the base URL is loopback. */
  imagesOnLoopback?: boolean;
  onResult?: (result: CaseResult) => void;
  /** How the credentials were given, named when the token request is refused. */
  credentialsHint?: string;
  /** Per-request timeout in ms (`--timeout`); default DEFAULT_TIMEOUT_MS (run-cases.ts). */
  timeoutMs?: number;
  /** Accepted drifts (`--baseline FILE`); `update` writes this run's drifts into the file first (`--update-baseline`). */
  baseline?: { file: string; update?: boolean };
  /** Ends an authentication for the journey's cases that complete one (run-cases.ts); an MSW target passes its own. */
  complete?: RunCasesOptions['complete'];
}

export const DEFAULT_USER_PREFIX = 'contract-';

/** The callbackUrl the journey's cases send to a target that cannot reach this machine. */
export const REMOTE_CALLBACK_URL = 'https://contract-callback.invalid/callback';

/** The `--only` filter: a case-insensitive substring, or a pattern where `*` matches anything. */
export function matchesOnly(scenario: ContractCase, pattern: string): boolean {
  const needle = pattern.toLowerCase();
  const haystacks = [scenario.id.toLowerCase(), scenario.name.toLowerCase()];
  if (!needle.includes('*')) return haystacks.some((h) => h.includes(needle));
  const re = new RegExp(
    '^' +
      needle
        .split('*')
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*') +
      '$',
  );
  return haystacks.some((h) => re.test(h));
}

/** A loopback host: the target can fetch images from this machine's image server. */
function isLoopbackUrl(url: string): boolean {
  return !refusePrivateByDefault(new URL(url).hostname);
}

/**
 * Runs the contract table against a target and returns the report (contract-case.ts). Throws
 * ContractConfigError when the run cannot start as configured; failed cases are results, not exceptions.
 */
export async function runContract(options: ContractOptions = {}): Promise<ContractReport> {
  const startedAt = new Date();
  const userPrefix = options.userPrefix ?? DEFAULT_USER_PREFIX;
  if (userPrefix !== '' && !(USER_ID_PATTERN.test(userPrefix) && userPrefix.length <= 32))
    throw new ContractConfigError(
      `the user prefix must be at most 32 of A-Z a-z 0-9 _ - . @ : (a valid start of a userId), got "${userPrefix}"`,
    );
  if (options.baseUrl !== undefined && !/^https?:\/\/[^/]/.test(options.baseUrl))
    throw new ContractConfigError(`the base URL must be an http(s) URL such as https://sg-api.advance.ai, got "${options.baseUrl}"`);
  if (options.imageBaseUrl !== undefined && !/^https?:\/\/[^/]/.test(options.imageBaseUrl))
    throw new ContractConfigError(`the image base URL must be an http(s) URL, got "${options.imageBaseUrl}"`);
  if (options.baseUrl !== undefined && !options.credentials)
    throw new ContractConfigError('a base URL needs credentials: an access key and secret key (the token flow), or an access token');
  let cases = options.cases ?? loadContractCases();
  if (options.only !== undefined) {
    cases = cases.filter((c) => matchesOnly(c, options.only!));
    if (!cases.length) throw new ContractConfigError(`no case matches "${options.only}"; cases are named like "01-success-jpeg-base64"`);
  }

  if (options.timeoutMs !== undefined && !(Number.isInteger(options.timeoutMs) && options.timeoutMs > 0))
    throw new ContractConfigError(`the timeout must be a whole number of ms above 0, got ${options.timeoutMs}`);
  let baseline: Baseline | undefined;
  if (options.baseline) baseline = await readBaseline(options.baseline.file, options.baseline.update === true);
  const accept = (r: CaseResult) => (baseline && !options.baseline?.update ? acceptDrifts(r, baseline, options.baseline!.file) : r);

  const closers: Array<() => Promise<void>> = [];
  try {
    let baseUrl = options.baseUrl;
    let credentials = options.credentials;
    if (baseUrl === undefined) {
      // The self-check: the kit's own server, as strict about tokens as the real API, with its own key pair.
      const keys = { accessKey: 'self-check-' + randomBytes(6).toString('hex'), secretKey: randomBytes(16).toString('hex') };
      const { createMockServer } = await import('../server/create-mock-server.js');
      const server = await createMockServer({
        port: 0,
        host: '127.0.0.1',
        token: 'issued',
        keys: [keys],
        rules: prefixRuleUserIds(defaultRules, userPrefix),
      });
      baseUrl = await server.listen();
      closers.push(() => server.close());
      credentials = keys;
    }
    const mode = options.mode ?? (options.baseUrl === undefined ? 'mock' : 'real');

    let imageServer: ImageServer | undefined;
    const local = options.imagesOnLoopback ?? isLoopbackUrl(baseUrl);
    if (!options.imageBaseUrl && local) {
      imageServer = await startImageServer();
      closers.push(() => imageServer!.close());
    }
    const images: CaseImages = {
      bytes: async (ref) => ('fixture' in ref ? readFile(join(imagesDir, ref.fixture)) : generatedImage(ref.generated)),
      url: (path) =>
        options.imageBaseUrl
          ? staticImageUrl(options.imageBaseUrl, path)
          : imageServer
            ? { url: imageServer.url + path }
            : path === '/callback'
              ? // The journey's callbackUrl: a remote API only stores it (no case completes there), and a delivery to a
                // .invalid host (RFC 6761) never resolves, so nothing is sent anywhere.
                { url: REMOTE_CALLBACK_URL }
              : {
                  skip: `needs an image URL the target can reach: ${baseUrl} is not on this machine; host the files of "face-enroll-mock fixtures export DIR" and pass --image-base-url`,
                },
    };

    const run = await runCases({
      baseUrl,
      mode,
      credentials: credentials!,
      cases,
      images,
      userPrefix,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.onResult ? { onResult: (r: CaseResult) => options.onResult!(accept(r)) } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.credentialsHint ? { credentialsHint: options.credentialsHint } : {}),
      ...(options.complete ? { complete: options.complete } : {}),
    });
    const { enrolledUserIds, removedUserIds } = run;
    if (options.baseline?.update) {
      // This run's cases take this run's drifts; the cases it did not run (--only) keep what was accepted.
      const ran = new Set(run.results.map((r) => r.id));
      const kept: Baseline = { version: 1, drifts: {} };
      for (const [operation, cases] of Object.entries(baseline?.drifts ?? {}))
        for (const [id, kinds] of Object.entries(cases)) if (!ran.has(id)) (kept.drifts[operation] ??= {})[id] = kinds;
      for (const [operation, cases] of Object.entries(baselineOf(run.results).drifts))
        Object.assign((kept.drifts[operation] ??= {}), cases);
      baseline = kept;
      await mkdir(dirname(options.baseline.file), { recursive: true });
      await writeFile(options.baseline.file, JSON.stringify(baseline, null, 2) + '\n');
    }
    const results = baseline ? run.results.map((r) => acceptDrifts(r, baseline!, options.baseline!.file)) : run.results;
    return {
      target: baseUrl,
      mode,
      startedAt: startedAt.toISOString(),
      ms: Date.now() - startedAt.getTime(),
      results,
      totals: totalsOf(results),
      enrolledUserIds,
      removedUserIds,
      ...(options.baseline ? { baseline: options.baseline.file } : {}),
    };
  } finally {
    for (const close of closers.reverse()) await close();
  }
}

/** The baseline file, checked; a missing one is empty only when this run writes it (`--update-baseline`). */
async function readBaseline(file: string, update: boolean): Promise<Baseline> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (update && (error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, drifts: {} };
    throw new ContractConfigError(
      `cannot read the baseline ${file}: ${(error as Error).message}. Write it with --baseline ${file} --update-baseline.`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ContractConfigError(`the baseline ${file} is not JSON: ${(error as Error).message}`);
  }
  const errors = baselineErrors(value);
  if (errors.length) throw new ContractConfigError(`the baseline ${file} is not one: ${errors.join('; ')}`);
  return value as Baseline;
}
