import { createMockServer } from './create-mock-server.js';
import type { startMockServer as Declared } from './index.js';

/**
 * The implementation behind face-enroll-mock/server (bundled into dist/bundle/server.mjs by
 * scripts/bundle-cli.ts). A CI suite starts it in its global setup on a free port and closes it after.
 */
export const startMockServer: typeof Declared = async (options = {}) => {
  const mock = await createMockServer(options);
  const url = await mock.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  return {
    url,
    store: mock.store,
    journal: mock.journal,
    rules: mock.responder.rules,
    coverage: () => mock.responder.coverage.report(),
    close: () => mock.close(),
  };
};
