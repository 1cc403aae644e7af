import type { ImageCheckOptions } from '../core/image/check-image.js';
import type { DelayOption } from '../core/random/draw-delay.js';
import type { Fault } from '../core/stages/faults.js';
import type { AccessKeyPair, AnswerValidator, RulesOption, TokenMode } from '../core/settings/resolved-mock-options.js';
import type { EnrollmentStore } from '../state/enrollment-store.js';
import type { MockState } from '../state/mock-state.js';

export type { AnswerValidator, RulesOption, TokenMode } from '../core/settings/resolved-mock-options.js';

/** How the mock POSTs the H5 flow's notification to callbackUrl. */
export interface CallbackOptions {
  /** Retries after a non-200 answer, a network error or a timeout. Default 3. */
  retries?: number;
  /** Wait before the first retry, doubled for each next one. Default 1000 ms. */
  backoffMs?: number;
  /** One attempt's time limit. Default 5000 ms. */
  timeoutMs?: number;
  /** Send SUBMIT_COMPLETED when the selfie is submitted, before COMPLETED. Default false. */
  submitCompleted?: boolean;
  /** The fetch to send with (MSW passes one wrapped in `bypass`). */
  fetch?: (request: Request) => Promise<Response>;
  /** Refuses callback hosts (the server passes its private-address guard when it is exposed). */
  allowHost?: (hostname: string) => boolean | Promise<boolean>;
  /** Told of every failed attempt, with why and whether a retry follows (the server logs it as a warning). */
  warn?: (message: string) => void;
}

/**
 * The options every adapter takes (the MSW handlers, the server, and the CLI's flags, which parse straight
 * into them): the input shape, documented for users. resolveMockOptions (core/settings) fills in every default
 * once; everything below the responder reads that ResolvedMockOptions (decision note 0038).
 */
export interface MockOptions {
  /** Fixture rules, checked before the realistic checks. Default: the kit's fixtures/rules.yaml; `false` for none. */
  rules?: RulesOption;
  /** Seed for transaction ids, rule probabilities and delay ranges: the same seed repeats the same run. */
  seed?: number;
  /** X-ACCESS-TOKEN on every business request: `any` (default) non-empty token, only `issued` ones (checked first), or `off`. */
  token?: TokenMode;
  /** Access key pairs generate-token accepts. Default: test-access-key / test-secret-key. */
  keys?: readonly AccessKeyPair[];
  /** Delay added to every answer: ms, or [min, max] drawn from the seeded source. Rules add theirs on top. */
  delay?: DelayOption;
  /** A transport fault for every enroll (docs/qa-and-console.md, "Faults"). */
  fault?: Fault;
  /** Requests per second accepted; past it SERVICE_BUSY with Retry-After. */
  rateLimit?: number;
  /** Accept only these ISO alpha-3 regions; other codes answer REGION_WRONG. Default: every ISO code. */
  regions?: Iterable<string>;
  /** Image download and quality settings. */
  image?: ImageCheckOptions;
  /** Requests the journal keeps (oldest dropped first). Default 1000. */
  journalSize?: number;
  /** Answer HTTP 500 instead of an answer `validate` finds off-contract. Default: record the violation, answer. */
  strict?: boolean;
  /** Checks every operation answer against the contract (the server passes Prism's validation). */
  validate?: AnswerValidator;
  /** Answers carry `X-Mock-Decision` (stage, source, rule, outcome): why this answer, in the network panel. */
  traceHeader?: boolean;
  /** Share one store between several mocks (or with your test). Default: a new store. */
  store?: EnrollmentStore;
  /**
   * State shared between processes (the server's `--store redis://`): enrollments and their bytes, the journal
   * and the rate window live there, and `X-Mock-Namespace` selects a namespace of it. Default: in memory.
   */
  state?: MockState;
  /** HMAC key tokens (and face URLs) are signed with: replicas given the same key accept each other's. Default: random. */
  signingKey?: string;
  /** This process's name among replicas, mixed into transaction and signature ids (same seed, different ids). */
  replicaId?: string;
  /** Clock for enrolledAt, the rate window and the journal; tests pin it. */
  now?: () => Date;
  /** SHA-256 as lower-case hex; default Web Crypto (the server passes node:crypto). */
  digest?: (bytes: Uint8Array) => string | Promise<string>;
  /** Get Enroll's image URLs expire after this many seconds. Default 3600 (docs/vendor-api.md#kit-choices-for-the-journey). */
  imageUrlTtlSeconds?: number;
  /** Total bytes of enrolled face images kept (oldest dropped first) when the mock makes its own store. Default 64 MiB. */
  imageMemoryBytes?: number;
  /** Users kept when the mock makes its own store (the one enrolled least recently forgotten first). Default 100 000. */
  maxUsers?: number;
  /** faceSimilarityScore needed for PASS. Default 70 (docs/vendor-api.md#facedetail-thresholds). */
  similarityThreshold?: number;
  /** Authentications kept in memory (the oldest forgotten first). Default 10 000. */
  maxAuthentications?: number;
  /**
   * The origin the mock's own URLs (face images, the H5 page) are built on. Default: the origin the request came
   * to (the server's Host header; in MSW the intercepted URL's origin).
   */
  publicUrl?: string;
  /** How the callback to callbackUrl is sent (docs/vendor-api.md#kit-choices-for-the-journey). */
  callback?: CallbackOptions;
}
