import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { apiReport } from '../../scripts/api-report.js';

const dist = fileURLToPath(new URL('../../dist', import.meta.url));

/**
 * The public surface is a promise: api/*.api.md holds every export of every subpath, committed, so a change of the
 * surface shows in review. This fails when the code's surface and the committed report differ (the declarations
 * are the ones the suite's global setup built into dist/).
 */
it('the committed API report matches the public surface of every subpath', () => {
  const changed = apiReport({ check: true, dts: dist });
  expect(changed, 'run `npm run api-report` and commit api/*.api.md').toEqual([]);
}, 300_000);
