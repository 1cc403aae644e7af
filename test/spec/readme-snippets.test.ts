import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
/** Inside the repository, so `face-enroll-mock/...` resolves to the package itself (its exports map, dist/). */
const dir = mkdtempSync(join(root, '.readme-snippets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The README's TypeScript blocks that import the kit's test entries: what a user pastes into a test file. */
const snippets = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)]
  .map((match) => match[1]!)
  .filter((code) => /from 'face-enroll-mock\/(node|server)'/.test(code));

describe('the README TypeScript snippets', () => {
  it('has the MSW setup, MSW test and server globalSetup snippets', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(3);
  });

  // Pasted as they are, each compiles on its own (strict, ES modules): every name it uses is imported.
  it('type-checks each one as a file of its own', async () => {
    const files = snippets.map((code, i) => {
      const file = join(dir, `snippet-${i + 1}.ts`);
      writeFileSync(file, `${code}\nexport {};\n`);
      return file;
    });
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    const args = ['--noEmit', '--strict', '--module', 'nodenext', '--target', 'es2022', '--types', 'node', '--skipLibCheck', ...files];
    await run(process.execPath, [tsc, ...args], { cwd: root }).catch((error: { stdout: string }) => {
      throw new Error(`README snippets do not compile:\n${error.stdout}`);
    });
  }, 120_000);
});
