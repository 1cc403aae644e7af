import type { ImageCheckOptions } from '../image/check-image.js';
import type { DelayOption } from '../random/draw-delay.js';
import type { Rule, RulesFile } from '../rules/validate-rules.js';
import type { Fault } from '../stages/faults.js';

/** How enroll treats X-ACCESS-TOKEN: `any` non-empty token, only `issued` (unexpired, by this mock), or `off`. */
export type TokenMode = 'off' | 'any' | 'issued';

/** Fixture rules: a list, a rules document, or `false` for none. (Node adapters also take a file path.) */
export type RulesOption = readonly Rule[] | RulesFile | false;

export interface AccessKeyPair {
  accessKey: string;
  secretKey: string;
  /** The account is disabled: its valid requests answer ACCOUNT_DISABLED. */
  disabled?: boolean;
}

/**
 * Checks an answer against the contract; returns where it breaks it (empty when it conforms). The server
 * passes Prism's validation; `shapeKey` names answers that differ only in ids, so a validator may check each
 * shape once.
 */
export type AnswerValidator = (
  operation: { method: string; path: string },
  answer: { status: number; headers: Record<string, string>; body: unknown },
  shapeKey: string,
) => string[];

/** The callback's settings, resolved: the public CallbackOptions (responder/mock-options.ts) with its defaults. */
export interface ResolvedCallbackOptions {
  retries: number;
  backoffMs: number;
  timeoutMs: number;
  submitCompleted: boolean;
  fetch: (request: Request) => Promise<Response>;
  allowHost?: (hostname: string) => boolean | Promise<boolean>;
  warn?: (message: string) => void;
}

/**
 * The one resolved shape of the options (decision note 0038): the public MockOptions (responder/mock-options.ts,
 * where each option is documented for users) with every default filled in by resolveMockOptions, and nothing
 * else. Declared here, in the core, because the cores take it: the enroll core, the token core, the stages and
 * the journey each read a Pick of it, never an option interface of their own. A field left optional has no
 * default: its absence means "off" (no fault, no rate limit, no delay) or "random" (no seed, no signing key).
 * The state the mock keeps (MockOptions.store, .state) is no setting: the responder takes it as it comes.
 */
export interface ResolvedMockOptions {
  rules: Rule[];
  seed?: number;
  token: TokenMode;
  keys: readonly AccessKeyPair[];
  delay?: DelayOption;
  fault?: Fault;
  rateLimit?: number;
  /** Undefined: every ISO 3166-1 alpha-3 code. */
  regions?: ReadonlySet<string>;
  image: ImageCheckOptions;
  journalSize: number;
  strict: boolean;
  validate?: AnswerValidator;
  traceHeader: boolean;
  signingKey?: string;
  replicaId?: string;
  now: () => Date;
  digest: (bytes: Uint8Array) => string | Promise<string>;
  imageUrlTtlSeconds: number;
  imageMemoryBytes: number;
  maxUsers: number;
  similarityThreshold: number;
  maxAuthentications: number;
  publicUrl?: string;
  callback: ResolvedCallbackOptions;
}

/**
 * What resolveMockOptions reads: the public MockOptions less the state, as the core can name it (the core may
 * not import the responder). Derived from the resolved shape, so the two cannot drift apart.
 */
export type MockOptionsInput = Partial<Omit<ResolvedMockOptions, 'rules' | 'regions' | 'callback'>> & {
  rules?: RulesOption;
  regions?: Iterable<string>;
  callback?: Partial<ResolvedCallbackOptions>;
};
