import { createEnrollCore, type EnrollCoreWiring } from '../../src/core/enroll/create-enroll-core.js';
import { resolveMockOptions } from '../../src/core/settings/resolve-mock-options.js';
import type { MockOptionsInput } from '../../src/core/settings/resolved-mock-options.js';

/**
 * The enroll core alone, over options resolved as the responder resolves them, except that it has no fixture
 * rules unless given some (the responder's default is the kit's fixtures/rules.yaml).
 */
export function createTestEnrollCore({ ruleBook, verifyToken, ...options }: MockOptionsInput & EnrollCoreWiring = {}) {
  return createEnrollCore(resolveMockOptions({ rules: false, ...options }), { ruleBook, verifyToken });
}
