import { describe, expectTypeOf, it } from 'vitest';
import type { ResolvedMockOptions } from '../core/settings/resolved-mock-options.js';
import type { MockOptions } from './mock-options.js';

describe('MockOptions', () => {
  // Checked by tsc (npm run typecheck): an option added to one shape and not the other fails to compile.
  it('resolves every public option but the state it is handed, and resolves to nothing that is not one', () => {
    expectTypeOf<Exclude<keyof MockOptions, 'store' | 'state'>>().toEqualTypeOf<keyof ResolvedMockOptions>();
  });
});
