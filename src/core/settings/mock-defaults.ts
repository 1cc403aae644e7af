import type { AccessKeyPair, TokenMode } from './resolved-mock-options.js';

/**
 * Every option's default, in one place (decision note 0038): resolveMockOptions fills them in, and the state's
 * own constructors (memory, Redis, createEnrollmentStore), which may be called alone, read the same values.
 */
export const mockDefaults = Object.freeze({
  token: 'any' as TokenMode,
  /** The test pair every adapter accepts unless told otherwise (docs/server-and-cli.md, "Tokens"). */
  keys: [{ accessKey: 'test-access-key', secretKey: 'test-secret-key' }] as readonly AccessKeyPair[],
  journalSize: 1000,
  /** docs/vendor-api.md#kit-choices-for-the-journey. */
  imageUrlTtlSeconds: 3600,
  /** The face-comparison threshold of the vendor's older pages (docs/vendor-api.md#facedetail-thresholds). */
  similarityThreshold: 70,
  /** Total image bytes kept (64 MiB): past it the oldest faces' bytes are dropped first. */
  imageMemoryBytes: 64 * 1024 * 1024,
  /**
   * Users kept: past it the user enrolled least recently is forgotten first. At 5 faces of about 300 bytes of
   * record each, 100,000 users is under 200 MB of records at worst, and images are capped apart.
   */
  maxUsers: 100_000,
  maxAuthentications: 10_000,
  callback: Object.freeze({ retries: 3, backoffMs: 1000, timeoutMs: 5000, submitCompleted: false }),
});
