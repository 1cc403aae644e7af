import { mockDefaults } from '../core/settings/mock-defaults.js';
import type { FaceDetail } from '../core/journey/face-detail.js';

/** What Get Result reports, once the authentication has ended. */
export interface AuthenticationResult {
  overallResult: 'PASS' | 'FAIL' | 'INCOMPLETE';
  errorCode: string | null;
  /** The FaceDetail object (null for a user who gave up). */
  faceDetail: FaceDetail | null;
  completedAt: string;
}

/** One H5 face authentication: what Generate URL was asked, and its result once it ended. JSON only. */
export interface Authentication {
  signatureId: string;
  userId: string;
  region: string;
  returnUrl: string;
  failReturnUrl: string;
  /** As sent, userinfo included: the callback sends it as Basic credentials. Never shown (the admin API strips it). */
  callbackUrl: string;
  /** The Generate URL request's fields, texts cut and URL userinfo removed (Get Result's inputParameters). */
  inputParameters: Record<string, unknown>;
  /** The H5 page's address. */
  url: string;
  createdAt: string;
  result: AuthenticationResult | null;
}

/**
 * What the responder needs of the authentications: the in-memory store (plain values) or a shared one (promises).
 * Callers await every answer. `complete` records a result only on an authentication that has none yet.
 */
export interface AuthenticationState {
  add(authentication: Authentication): Awaitable<void>;
  get(signatureId: string): Awaitable<Authentication | undefined>;
  complete(signatureId: string, result: AuthenticationResult): Awaitable<Authentication | undefined>;
  all(): Awaitable<Authentication[]>;
  reset(): Awaitable<void>;
}

export interface AuthenticationStore extends AuthenticationState {
  add(authentication: Authentication): void;
  get(signatureId: string): Authentication | undefined;
  /** Records the result (replacing the record: entries stay plain JSON). */
  complete(signatureId: string, result: AuthenticationResult): Authentication | undefined;
  /** Every authentication kept, oldest first. */
  all(): Authentication[];
  reset(): void;
}

/** What the memory state's global budget needs of each namespace's authentications. */
export interface EvictableAuthentications extends AuthenticationStore {
  readonly size: number;
  /** Forgets the oldest authentication; false when empty. */
  dropOldest(): boolean;
}

import type { Awaitable } from './enrollment-store.js';

/** Authentications in memory, the newest `max` of them: a long-running server stays flat. Isomorphic. */
export function createAuthenticationStore(max: number = mockDefaults.maxAuthentications): EvictableAuthentications {
  const byId = new Map<string, Authentication>();
  return {
    add(authentication) {
      byId.set(authentication.signatureId, { ...authentication });
      for (const oldest of byId.keys()) {
        if (byId.size <= max) break;
        byId.delete(oldest);
      }
    },
    get: (signatureId) => byId.get(signatureId),
    complete(signatureId, result) {
      const current = byId.get(signatureId);
      if (!current || current.result) return undefined;
      const next = { ...current, result };
      byId.set(signatureId, next);
      return next;
    },
    all: () => [...byId.values()],
    reset: () => byId.clear(),
    get size() {
      return byId.size;
    },
    dropOldest() {
      for (const oldest of byId.keys()) return byId.delete(oldest);
      return false;
    },
  };
}
