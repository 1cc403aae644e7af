import { checkRegion } from '../fields/regions.js';
import { USER_ID_PATTERN } from '../fields/check-fields.js';
import { MAX_IMAGE_BYTES } from '../image/check-image.js';
import { createRandom } from '../random/create-random.js';
import { drawDelay } from '../random/draw-delay.js';
import type { Fault } from '../stages/faults.js';
import { isPlainObject } from '../http/is-plain-object.js';
import { MAX_JSON_DEPTH, parseBoundedJson } from '../http/parse-bounded-json.js';

/** Deepest JSON nesting read (docs/reliability.md); deeper bodies answer PARAMETER_ERROR without being parsed. */
export const MAX_JSON_NESTING = MAX_JSON_DEPTH;
import { normalizeHeaders, type HeadersInput } from '../http/normalize-headers.js';
import { isOutcomeName, outcomeNames, outcomes, type OutcomeName } from '../envelope/outcome-catalog.js';
import { renderEnvelope, type EnrollResponse } from '../envelope/render-envelope.js';
import type { FaceImageKind, Rule } from '../rules/parse-rules.js';
import type { ResolvedMockOptions } from '../settings/resolved-mock-options.js';
import { classifyFaceImage } from '../image/classify-face-image.js';
import { inspectImage, type ImageFormat } from '../image/inspect-image.js';
import { StateFailure } from '../stages/state-failure.js';
import { createRuleBook, type RuleBook, type ScopedRules } from '../rules/create-rule-book.js';
import { stagesFor } from '../stages/enroll-stages.js';
import { faceImageBytes } from '../stages/face-image-bytes.js';
import { runStages } from '../stages/run-stages.js';
import { createMemoryRuleState } from '../rules/create-memory-rule-state.js';
import { createMemoryRateWindow } from '../stages/rate-window.js';
import type { DecisionSource, EnrollContext, StageName, StageSettings, Verdict } from '../stages/stage.js';
import type { Enrollment } from './enrollment.js';
import type { RateWindow } from '../stages/rate-window.js';
import { keptText } from '../text/kept-text.js';
import { lazyStringBytes } from '../text/lazy-string.js';

export { faults, type Fault } from '../stages/faults.js';
export type { Enrollment } from './enrollment.js';
export type { DecisionSource, StageName, Verdict } from '../stages/stage.js';

/** What the enroll core reads of the resolved options (decision note 0038). */
export type EnrollSettings = Pick<
  ResolvedMockOptions,
  'rules' | 'seed' | 'replicaId' | 'regions' | 'fault' | 'rateLimit' | 'token' | 'delay' | 'image' | 'now' | 'digest'
>;

/** What the responder wires into the core beside the settings. */
export interface EnrollCoreWiring {
  /** The rules with their runtime additions and hit counts (the responder's); takes the place of `rules`. */
  ruleBook?: RuleBook;
  /** Decides whether a present token is valid (token `issued`); without it any non-empty token passes. */
  verifyToken?: (token: string) => boolean | Promise<boolean>;
}

export interface EnrollInput {
  headers?: HeadersInput;
  /** The parsed JSON body. */
  body?: unknown;
  /** The raw body text; parsed here when `body` is not given, so a body that is not JSON is an outcome, not a throw. */
  bodyText?: string;
  /** Aborted when the client goes away: a download in progress stops. */
  signal?: AbortSignal;
  /** Where the rate limit counts this request (a shared store's window); default the core's own, in memory. */
  rateWindow?: RateWindow;
  /** The rules of the request's namespace (runtime rules, counts); default the rule book's own, in memory. */
  rules?: ScopedRules;
}

interface DecisionBase {
  /** The example name the answer is rendered from (ERROR for a fault, for logs). */
  outcome: OutcomeName;
  /** The stage that decided; `success` when every stage passed. */
  stage: StageName | 'success';
  source: DecisionSource;
  /** The rule's name (or #index) when source is 'rule'. */
  rule?: string;
  /** Why this outcome, for logs and the journal (never in the envelope, which stays as the vendor's). */
  detail: string;
  /** The body's userId when it was a string (cut to 128 characters), for logs and the journal. */
  userId?: string;
  /** Milliseconds the adapter waits before answering. */
  delayMs: number;
  transactionId: string;
  /** What the request said, bounded and never the image itself: for the journal, the console, verification. */
  facts: RequestFacts;
}

export interface RequestFacts {
  /** The body's region when it was a string, cut to 64 characters. */
  region?: string;
  faceImageKind: FaceImageKind;
  /** Characters of faceImage as sent, when it was a string. */
  faceImageLength?: number;
  /** What the image stage read, when the request got that far. */
  image?: { format: ImageFormat; width: number; height: number; byteSize: number };
}

/** An answer in the vendor's envelope. */
export interface EnvelopeDecision extends DecisionBase {
  kind: 'envelope';
  status: number;
  envelope: EnrollResponse;
  /** HTTP headers the outcome carries (Retry-After for SERVICE_BUSY). */
  headers: Record<string, string>;
  /** The state change: only a SUCCESS enrolls, and only a userId and region a real SUCCESS could have. */
  enrollment?: Enrollment;
  /** The image of a SUCCESS, kept beside the record (Get Enroll serves it); a forced one's only when readable. */
  image?: { bytes: Uint8Array; contentType: 'image/jpeg' | 'image/png' };
}

/** No envelope at all: a transport fault (reset, hang, malformed, gateway page). */
export interface FaultDecision extends DecisionBase {
  kind: 'fault';
  fault: Fault;
}

export type EnrollDecision = EnvelopeDecision | FaultDecision;

export interface DecideOptions {
  /** Answer this outcome or fault whatever the request (MSW's one-shot helpers); rendered and stored as usual. */
  force?: OutcomeName | Fault;
}

export interface EnrollCore {
  decide(input: EnrollInput, options?: DecideOptions): Promise<EnrollDecision>;
  /**
   * The settings every operation's stages run with (the responder hands them to the other operations): one
   * rate window and one transaction-id source for all of them.
   */
  readonly settings: StageSettings;
  /** Replaces the rules (hot reload, runtime rules) without resetting the random sequence. */
  setRules(rules: readonly Rule[]): void;
}

/**
 * The enroll decision: one request in, one documented outcome out, by an ordered list of small stages
 * (stages/enroll-stages.ts). Isomorphic (Web APIs only), so the MSW service worker, MSW in Node and the HTTP
 * server run this same function.
 */
export function createEnrollCore(options: EnrollSettings, wiring: EnrollCoreWiring = {}): EnrollCore {
  const ruleBook = wiring.ruleBook ?? createRuleBook(options.rules);
  const settings: StageSettings = {
    random: createRandom(options.seed, options.replicaId),
    now: options.now,
    digest: options.digest,
    ruleBook,
    ownRules: ruleBook.scope(createMemoryRuleState(() => ruleBook.generation())),
    regions: options.regions,
    fault: options.fault,
    rateLimit: options.rateLimit,
    rateWindow: createMemoryRateWindow(),
    token: options.token,
    verifyToken: wiring.verifyToken,
    image: options.image,
  };
  const baseDelay = options.delay;

  async function decide(input: EnrollInput, { force }: DecideOptions = {}): Promise<EnrollDecision> {
    const headers = normalizeHeaders(input.headers);
    let body = input.body;
    let parseFailed = false;
    let parseDetail = 'the body is not valid JSON';
    if (body === undefined && input.bodyText !== undefined) {
      // A hostile body nested a million deep, or with 700,000 keys, costs a second of JSON.parse; the vendor's
      // bodies are flat and small. Past the bounds: not parsed at all (parse-bounded-json.ts).
      const parsed = parseBoundedJson(input.bodyText);
      if (parsed.ok) body = parsed.value;
      else {
        parseFailed = true;
        parseDetail = parsed.detail;
      }
    }
    const context: EnrollContext = {
      request: { headers, body, parseFailed, parseDetail, signal: input.signal },
      settings,
      preferable: outcomeNames,
      rateWindow: input.rateWindow,
      rules: input.rules,
    };
    if (force !== undefined) context.force = force;
    const delayMs = drawDelay(baseDelay, settings.random);
    const transactionId = settings.random.transactionId();
    const userId =
      isPlainObject(body) && Object.hasOwn(body, 'userId') && typeof body.userId === 'string' ? keptText(body.userId, 128) : undefined;
    const field = (key: string) => (isPlainObject(body) && Object.hasOwn(body, key) ? body[key] : undefined);
    const region = field('region');
    const kind = classifyFaceImage(body);
    // The length without making a kept text into its string (lazy-string.ts).
    const faceImageLength =
      kind === 'url' || kind === 'base64' || kind === 'empty'
        ? (lazyStringBytes(body, 'faceImage')?.length ?? (field('faceImage') as string).length)
        : undefined;
    const facts: RequestFacts = {
      faceImageKind: kind,
      ...(typeof region === 'string' ? { region: keptText(region, 64) } : {}),
      ...(faceImageLength !== undefined ? { faceImageLength } : {}),
    };
    const base = { transactionId, facts, ...(userId !== undefined ? { userId } : {}) };

    let enrollment: Enrollment | undefined;
    const succeed = async (): Promise<Verdict> => {
      const { fields, image } = context;
      enrollment = {
        userId: fields!.userId,
        region: fields!.region,
        // The digest a rule on faceImageSha256 already took of these bytes, if one did.
        imageSha256: await faceImageBytes(context).digest(image!.bytes),
        format: image!.format,
        width: image!.width,
        height: image!.height,
        byteSize: image!.bytes.length,
        enrolledAt: settings.now().toISOString(),
        transactionId,
      };
      return {
        outcome: 'SUCCESS',
        source: 'check',
        detail: `enrolled a ${image!.width}x${image!.height} ${image!.format} for ${enrollment.userId}`,
      };
    };
    const failed = (error: unknown): Verdict => {
      // The shared store's failure is the responder's to answer (state-scopes.ts: stateFailureAnswer).
      if (error instanceof StateFailure) throw error;
      // A failure inside the mock is what the vendor calls a server error: answer ERROR, never throw.
      return {
        outcome: 'ERROR',
        source: 'check',
        detail: `internal failure: ${keptText(String((error as Error)?.message ?? error), 300)}`,
      };
    };
    const { stage, verdict } = await runStages(stagesFor(settings.token), context, succeed, failed);
    const failure = 'outcome' in verdict && verdict.outcome === 'ERROR' && verdict.source === 'check';
    const delayed = { ...base, delayMs: failure ? 0 : delayMs + (verdict.delayMs ?? 0) };
    if (stage !== 'success' || !enrollment) {
      const decision = render(verdict, stage, delayed, failure ? undefined : body, context);
      return decision.kind === 'envelope' && decision.enrollment ? await withForcedImage(decision, body, context) : decision;
    }
    const { image } = context;
    return {
      // The context carries the image the checks read: the journal gets its facts and the stored face's digest.
      ...(render(verdict, stage, delayed, undefined, context) as EnvelopeDecision),
      enrollment,
      image: { bytes: image!.bytes, contentType: image!.format === 'png' ? 'image/png' : 'image/jpeg' },
    };
  }

  function render(
    verdict: Verdict,
    stage: StageName | 'success',
    base: { transactionId: string; userId?: string; delayMs: number; facts: RequestFacts },
    body: unknown,
    context?: EnrollContext,
  ): EnrollDecision {
    const image = context?.image;
    const facts = image
      ? { ...base.facts, image: { format: image.format, width: image.width, height: image.height, byteSize: image.bytes.length } }
      : base.facts;
    const common = {
      ...base,
      facts,
      stage,
      source: verdict.source,
      detail: verdict.detail,
      ...(verdict.rule ? { rule: verdict.rule } : {}),
    };
    if ('fault' in verdict) return { ...common, kind: 'fault', outcome: 'ERROR', fault: verdict.fault };
    // Every stage names an example of this catalog; a rule names one by the schema its file was checked against.
    const outcome: OutcomeName = isOutcomeName(verdict.outcome) ? verdict.outcome : 'ERROR';
    const catalog = outcomes[outcome];
    const enrollment = stage === 'success' ? undefined : forcedEnrollment(outcome, body, base.transactionId);
    return {
      ...common,
      kind: 'envelope',
      outcome,
      status: catalog.status,
      envelope: renderEnvelope(outcome, base.transactionId, verdict.extra ?? null),
      headers: { ...catalog.headers },
      ...(enrollment ? { enrollment } : {}),
    };
  }

  /**
   * A forced SUCCESS (force, Prefer, a rule) enrolls the user it names, but only with a userId and region a
   * real SUCCESS could have: a forced answer must not let a client store what the checks would refuse.
   */
  function forcedEnrollment(outcome: OutcomeName, body: unknown, transactionId: string): Enrollment | undefined {
    if (outcome !== 'SUCCESS' || !isPlainObject(body)) return undefined;
    const userId = Object.hasOwn(body, 'userId') ? body.userId : undefined;
    const region = Object.hasOwn(body, 'region') ? body.region : undefined;
    if (typeof userId !== 'string' || !USER_ID_PATTERN.test(userId)) return undefined;
    if (typeof region !== 'string' || checkRegion(region, settings.regions) !== 'ok') return undefined;
    const facts = { imageSha256: null, format: null, width: null, height: null, byteSize: null };
    return { userId, region, ...facts, enrolledAt: settings.now().toISOString(), transactionId };
  }

  /**
   * A forced SUCCESS keeps the face's picture as a natural one does when the body carries one the image checks
   * could read (base64 JPEG or PNG within the size limit): Get Enroll then serves it. A URL is not downloaded
   * (a forced answer reaches nowhere); without a readable image the face keeps null facts and no link.
   */
  async function withForcedImage(decision: EnvelopeDecision, body: unknown, context: EnrollContext): Promise<EnvelopeDecision> {
    if (classifyFaceImage(body) !== 'base64') return decision;
    const bytes = faceImageBytes(context).decoded();
    if (!bytes || bytes.length === 0 || bytes.length > MAX_IMAGE_BYTES) return decision;
    const inspection = inspectImage(bytes);
    if (!inspection.ok) return decision;
    const { format, width, height } = inspection;
    const image = { format, width, height, byteSize: bytes.length };
    return {
      ...decision,
      facts: { ...decision.facts, image },
      enrollment: { ...decision.enrollment!, imageSha256: await faceImageBytes(context).digest(bytes), ...image },
      image: { bytes, contentType: format === 'png' ? 'image/png' : 'image/jpeg' },
    };
  }

  return {
    decide,
    settings,
    setRules(next) {
      settings.ruleBook.setFileRules(next);
    },
  };
}
