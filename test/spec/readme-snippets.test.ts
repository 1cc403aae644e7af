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

  // Compiling is not enough: the MSW setup and test snippets run, together, as a user's vitest run would.
  it('runs the MSW setup and test snippets in vitest, and they pass', async () => {
    const setup = snippets.find((code) => code.includes('server.listen('));
    const test = snippets.find((code) => /\btest\(/.test(code) && code.includes("'face-enroll-mock/node'"));
    expect(setup, 'the vitest setup snippet').toBeDefined();
    expect(test, 'the MSW test snippet').toBeDefined();
    const run = mkdtempSync(join(dir, 'run-'));
    writeFileSync(join(run, 'setup.ts'), setup!);
    writeFileSync(join(run, 'readme.test.ts'), test!);
    writeFileSync(
      join(run, 'vitest.config.mjs'),
      "export default { test: { include: ['readme.test.ts'], setupFiles: ['./setup.ts'], reporters: ['default'] } };\n",
    );
    const vitest = join(root, 'node_modules/vitest/vitest.mjs');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [vitest, 'run', '--root', run, '--config', join(run, 'vitest.config.mjs')],
      {
        cwd: run,
        env: { ...process.env, CI: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
      },
    ).catch((error: { stdout: string; stderr: string }) => {
      throw new Error(`the README's MSW test snippet failed:\n${error.stdout}\n${error.stderr}`);
    });
    expect(stdout).toMatch(/Tests\s+1 passed/);
  }, 120_000);
});
