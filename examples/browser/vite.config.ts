import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  resolve: {
    alias: [
      { find: /^face-enroll-mock\/browser$/, replacement: here('../../mocks/browser.ts') },
      { find: /^face-enroll-mock$/, replacement: here('../../src/index.ts') },
    ],
  },
  server: { host: '127.0.0.1', strictPort: false },
  logLevel: 'warn',
});
