import { createMockServer } from './create-mock-server.js';
import type { startMockServer as Declared } from './index.js';

/**
 * The implementation behind face-enroll-mock/server (bundled into dist/bundle/server.mjs by
 * scripts/bundle-cli.ts). A CI suite starts it in its global setup on a free port and closes it after.
 */
export const startMockServer: typeof Declared = async (options = {}) => {
  const mock = await createMockServer(options);
  // The root namespace's rules through the state port: the same handle on memory and on Redis.
  const rules = mock.responder.rules.scope(mock.responder.state.rules);
  const url = await mock.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  return {
    url,
    store: mock.store,
    journal: mock.journal,
    rules: {
      async add(rule) {
        const added = await rules.tryAdd(rule, 'rules.add()');
        if (!added.ok) throw new Error(`face-enroll-mock: the rule is invalid:\n  ${added.errors.join('\n  ')}`);
        return added.entry;
      },
      list: () => rules.entries(),
      remove: (id) => rules.remove(id),
      clear: () => rules.clearRuntime(),
    },
    coverage: () => mock.responder.coverage.report(),
    close: () => mock.close(),
  };
};
