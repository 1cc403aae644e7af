import { classifyFaceImage, isPlainObject } from './classify-face-image.js';
import { checkFields } from './check-fields.js';
import { checkImage, type ImageCheckOptions } from './check-image.js';
import { createRandom } from './create-random.js';
import { decodeBase64 } from './decode-base64.js';
import { normalizeHeaders, type HeadersInput } from './normalize-headers.js';
import { isOutcomeName, outcomeNames, outcomes, type OutcomeName } from './outcome-catalog.js';
import { renderEnvelope, type EnrollResponse } from './render-envelope.js';
import { ruleMatches } from './rules/match-rules.js';
import type { Rule } from './rules/parse-rules.js';
import { sha256Hex } from './sha256-hex.js';
import type { ImageFormat } from './inspect-image.js';

import { faults, type Fault } from './faults.js';

export { faults, type Fault };

export interface EnrollCoreOptions {
  /** A fault for every request (CLI --fault); rules and the X-Mock-Fault header can name one per request. */
  fault?: Fault;
  /** Requests per second accepted; past it SERVICE_BUSY with Retry-After (NOTES.md, rate limiting). */
  rateLimit?: number;
  /** Seed for transaction ids, rule probabilities and delay ranges; the same seed repeats the same run. */
  seed?: number;
  /** Fixture rules, already parsed and validated (parseRules). Checked before the realistic checks. */
  rules?: readonly Rule[];
  /** Narrower list of accepted regions; others answer REGION_WRONG. Default: every ISO 3166-1 alpha-3 code. */
  supportedRegions?: Iterable<string>;
  /** false: no token check at all. true (default): a missing or empty X-ACCESS-TOKEN answers IAM_FAILED. */
  requireToken?: boolean;
  /** Decides whether a present token is valid (the token flow uses it); default accepts any non-empty token. */
  verifyToken?: (token: string) => boolean | Promise<boolean>;
  /** Delay added to every answer: ms, or [min, max] drawn from the seeded source. Rules add theirs on top. */
  latency?: number | readonly [number, number];
  image?: ImageCheckOptions;
  /** Clock for enrolledAt; tests pin it. */
  now?: () => Date;
  /**
   * SHA-256 as lower-case hex. Default: Web Crypto, which runs everywhere; the Node server passes node:crypto,
   * which hashes on the calling thread instead of hopping to the thread pool and back.
   */
  digest?: (bytes: Uint8Array) => string | Promise<string>;
}

export interface EnrollInput {
  headers?: HeadersInput;
  /** The parsed JSON body. */
  body?: unknown;
  /** The raw body text; parsed here when `body` is not given, so a body that is not JSON is an outcome, not a throw. */
  bodyText?: string;
}

/** A body is read as JSON when its content type is JSON (any `+json` too) or not given at all. */
const isJsonContentType = (value: string | undefined) =>
  value === undefined || /^application\/([\w.-]+\+)?json\s*(;|$)/i.test(value.trim());

export interface Enrollment {
  userId: string;
  region: string;
  imageSha256: string | null;
  format: ImageFormat | null;
  width: number | null;
  height: number | null;
  byteSize: number | null;
  enrolledAt: string;
  transactionId: string;
}

export interface EnrollDecision {
  outcome: OutcomeName;
  status: number;
  envelope: EnrollResponse;
  /** What chose the outcome: the Prefer header, a fixture rule, a caller's `force` (test helpers), or the checks. */
  source: 'prefer' | 'rule' | 'force' | 'check';
  /** The rule's name (or #index) when source is 'rule'. */
  rule?: string;
  /** Why this outcome, for logs and the journal (never in the envelope, which stays as the vendor's). */
  detail: string;
  /** The body's userId when it was a string, for logs and the journal. */
  userId?: string;
  /** Milliseconds the adapter should wait before answering. */
  delayMs: number;
  /** Answer with this transport fault instead of the envelope (outcome is then ERROR, for logs). */
  fault?: Fault;
  /** Extra HTTP headers of the answer (Retry-After for SERVICE_BUSY). */
  headers?: Record<string, string>;
  /** The state change this request makes: only a SUCCESS enrolls. */
  enrollment?: Enrollment;
}

export interface DecideOptions {
  /** Answer this outcome whatever the request (MSW's one-shot helpers); rendered and stored like any other. */
  force?: OutcomeName;
}

export interface EnrollCore {
  decide(input: EnrollInput, options?: DecideOptions): Promise<EnrollDecision>;
  /** Replaces the rules (hot reload) without resetting the random sequence. */
  setRules(rules: readonly Rule[]): void;
}

const PREFER_EXAMPLE = /(?:^|[;,\s])example=("?)([^";,\s]*)\1/;

/**
 * The decision core: one request in, one documented outcome out. Isomorphic (Web APIs only) so the MSW
 * service worker, MSW in Node and the HTTP server all run this same function.
 * Order (spec x-checks-order): Prefer: example=NAME, fixture rules, token, fields, image.
 */
export function createEnrollCore(options: EnrollCoreOptions = {}): EnrollCore {
  const random = createRandom(options.seed);
  let rules: readonly Rule[] = options.rules ?? [];
  const supported = options.supportedRegions ? new Set(options.supportedRegions) : undefined;
  const now = options.now ?? (() => new Date());
  const digest = options.digest ?? sha256Hex;
  const window = { second: 0, count: 0 };

  const draw = (delay: number | readonly [number, number] | undefined): number => {
    if (delay === undefined) return 0;
    if (typeof delay === 'number') return delay;
    return Math.round(delay[0] + random.next() * (delay[1] - delay[0]));
  };

  /** A failure inside the mock is what the vendor calls a server error: answer ERROR, never throw. */
  async function decideSafely(input: EnrollInput, decideOptions: DecideOptions = {}): Promise<EnrollDecision> {
    try {
      return await decide(input, decideOptions);
    } catch (error) {
      const outcome: OutcomeName = 'ERROR';
      return {
        outcome,
        status: outcomes[outcome].status,
        envelope: renderEnvelope(outcome, random.transactionId()),
        source: 'check',
        detail: `internal failure: ${(error as Error)?.message ?? String(error)}`,
        delayMs: 0,
      };
    }
  }

  async function decide(input: EnrollInput, { force }: DecideOptions): Promise<EnrollDecision> {
    const headers = normalizeHeaders(input.headers);
    let body = input.body;
    let parseFailed = false;
    if (body === undefined && input.bodyText !== undefined) {
      try {
        body = JSON.parse(input.bodyText);
      } catch {
        parseFailed = true;
      }
    }
    const baseDelay = draw(options.latency);
    const transactionId = random.transactionId();
    const finish = (
      outcome: OutcomeName,
      source: EnrollDecision['source'],
      detail: string,
      extra: Partial<EnrollDecision> = {},
      envelopeExtra: string | null = null,
    ): EnrollDecision => ({
      ...(isPlainObject(body) && typeof body.userId === 'string' && Object.hasOwn(body, 'userId')
        ? { userId: body.userId.slice(0, 128) }
        : {}),
      outcome,
      status: outcomes[outcome].status,
      envelope: renderEnvelope(outcome, transactionId, envelopeExtra),
      source,
      detail,
      ...extra,
      delayMs: baseDelay + (extra.delayMs ?? 0),
    });

    // 0. A caller's forced outcome (test helpers) wins over everything the request says.
    if (force !== undefined) return finish(force, 'force', `forced by the caller: ${force}`, forcedEffect(force, body, transactionId));

    // 1. Prefer: example=NAME forces an outcome, as with Prism.
    const prefer = headers['prefer'];
    const preferred = prefer ? PREFER_EXAMPLE.exec(prefer)?.[2] : undefined;
    if (preferred !== undefined) {
      if (!isOutcomeName(preferred)) {
        const message = `Unknown example "${preferred}" in the Prefer header. Valid names: ${outcomeNames.join(', ')}`;
        return finish('CLIENT_ERROR', 'prefer', message, {}, message);
      }
      return finish(preferred, 'prefer', `forced by Prefer: example=${preferred}`, forcedEffect(preferred, body, transactionId));
    }

    // 1b. Transport faults (X-Mock-Fault header, or --fault for every request).
    const faultName = headers['x-mock-fault'] ?? options.fault;
    if (faultName !== undefined) {
      if (!(faults as readonly string[]).includes(faultName)) {
        const message = `Unknown fault "${faultName}" in X-Mock-Fault. Valid faults: ${faults.join(', ')}`;
        return finish('CLIENT_ERROR', 'prefer', message, {}, message);
      }
      return finish('ERROR', 'prefer', `fault ${faultName}`, { fault: faultName as Fault });
    }

    // 1c. Rate limiting, as the vendor's gateway does it: a fixed one-second window.
    if (options.rateLimit !== undefined) {
      const second = Math.floor(now().getTime() / 1000);
      if (second !== window.second) [window.second, window.count] = [second, 0];
      if (++window.count > options.rateLimit) {
        return finish('SERVICE_BUSY', 'check', `more than ${options.rateLimit} requests in one second`, {
          headers: { 'retry-after': '1' },
        });
      }
    }

    // 2. Fixture rules, first match wins.
    if (rules.length) {
      const kind = classifyFaceImage(body);
      const faceImage = isPlainObject(body) && Object.hasOwn(body, 'faceImage') ? body.faceImage : undefined;
      let imageDigest: Promise<string | null> | undefined;
      const subject = {
        userId: isPlainObject(body) && Object.hasOwn(body, 'userId') ? body.userId : undefined,
        region: isPlainObject(body) && Object.hasOwn(body, 'region') ? body.region : undefined,
        faceImage,
        faceImageKind: kind,
        headers,
        faceImageSha256: () => {
          imageDigest ??= (async () => {
            const bytes = kind === 'base64' ? decodeBase64(faceImage as string) : null;
            return bytes ? digest(bytes) : null;
          })();
          return imageDigest;
        },
      };
      for (const [index, rule] of rules.entries()) {
        if (!(await ruleMatches(rule, subject))) continue;
        if (rule.probability !== undefined && random.next() >= rule.probability) continue;
        const name = rule.name ?? `#${index + 1}`;
        if (rule.fault)
          return finish('ERROR', 'rule', `rule ${name}: fault ${rule.fault}`, { rule: name, delayMs: draw(rule.delay), fault: rule.fault });
        const outcome = rule.outcome ?? 'SUCCESS';
        return finish(outcome, 'rule', `rule ${name}`, {
          rule: name,
          delayMs: draw(rule.delay),
          ...forcedEffect(outcome, body, transactionId),
        });
      }
    }

    // 3. The realistic checks.
    if (options.requireToken !== false) {
      const token = headers['x-access-token']?.trim();
      if (!token) return finish('IAM_FAILED', 'check', 'no X-ACCESS-TOKEN header');
      if (options.verifyToken && !(await options.verifyToken(token))) {
        return finish('IAM_FAILED', 'check', 'X-ACCESS-TOKEN is not a valid, unexpired token');
      }
    }
    if (!isJsonContentType(headers['content-type'])) {
      return finish('PARAMETER_ERROR', 'check', `content type "${headers['content-type']}" is not application/json`);
    }
    if (parseFailed) return finish('PARAMETER_ERROR', 'check', 'the body is not valid JSON');
    const fields = checkFields(body, supported);
    if (!fields.ok) return finish(fields.outcome, 'check', fields.detail);
    const image = await checkImage(fields.fields.faceImage, options.image);
    if (!image.ok) return finish(image.outcome, 'check', image.detail);
    const { bytes, format, width, height } = image.image;
    const enrollment: Enrollment = {
      userId: fields.fields.userId,
      region: fields.fields.region,
      imageSha256: await digest(bytes),
      format,
      width,
      height,
      byteSize: bytes.length,
      enrolledAt: now().toISOString(),
      transactionId,
    };
    return finish('SUCCESS', 'check', `enrolled a ${width}x${height} ${format} for ${enrollment.userId}`, { enrollment });
  }

  /** A forced SUCCESS still enrolls the user it names (image facts unknown: nothing was checked). */
  function forcedEffect(outcome: OutcomeName, body: unknown, transactionId: string): Partial<EnrollDecision> {
    if (outcome !== 'SUCCESS' || !isPlainObject(body)) return {};
    const { userId, region } = body;
    if (typeof userId !== 'string' || typeof region !== 'string' || !Object.hasOwn(body, 'userId')) return {};
    return {
      enrollment: {
        userId,
        region,
        imageSha256: null,
        format: null,
        width: null,
        height: null,
        byteSize: null,
        enrolledAt: now().toISOString(),
        transactionId,
      },
    };
  }

  return {
    decide: decideSafely,
    setRules(next) {
      rules = next;
    },
  };
}
