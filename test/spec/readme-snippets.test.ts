import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
/** Inside the repository, so the kit's dependencies (msw, vitest, ...) resolve from its node_modules. */
const dir = mkdtempSync(join(root, '.readme-snippets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The README and the guides: a TypeScript block whose first line is `// <file>` is that file of a user's project. */
const docs = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];
const snippets = docs.flatMap((doc) =>
  [...readFileSync(join(root, doc), 'utf8').matchAll(/```ts\n\/\/ ([\w./-]+\.ts)\n([\s\S]*?)```/g)].map((match) => ({
    doc,
    file: match[1]!,
    code: match[2]!,
  })),
);

/**
 * Writes every snippet at its own path under a fresh folder: one user project built from the docs. The kit is
 * copied into its node_modules (what the package ships that the snippets load), so vitest treats it as an
 * installed dependency, as in a user's project, rather than as source files of its own to transform.
 */
function project(): string {
  const at = mkdtempSync(join(dir, 'project-'));
  // A package of its own: inside the repository, the kit's package.json would resolve `face-enroll-mock` to itself.
  writeFileSync(join(at, 'package.json'), JSON.stringify({ name: 'docs-project', private: true, type: 'module' }));
  for (const part of ['package.json', 'dist', 'fixtures/images', 'spec']) {
    cpSync(join(root, part), join(at, 'node_modules/face-enroll-mock', part), { recursive: true });
  }
  for (const { file, code } of snippets) {
    mkdirSync(dirname(join(at, file)), { recursive: true });
    writeFileSync(join(at, file), code);
  }
  return at;
}

describe('the TypeScript snippets of the README and the guides', () => {
  it('hold the vitest projects config, the MSW set-up and tests, the server global setup and test, and the browser start', () => {
    expect(snippets.map((snippet) => snippet.file)).toEqual(
      expect.arrayContaining([
        'vitest.config.ts',
        'tests/msw-setup.ts',
        'tests/msw/enroll.test.ts',
        'tests/msw/helpers.test.ts',
        'tests/mock-server.ts',
        'tests/server/enroll.test.ts',
        'app/enable-mocking.ts',
      ]),
    );
    const files = snippets.map((snippet) => snippet.file);
    expect(
      files.filter((file, i) => files.indexOf(file) !== i),
      'two snippets claim the same file',
    ).toEqual([]);
  });

  // Pasted as they are, they compile together (strict, ES modules, DOM and Node types): every name they use is imported.
  it('type-check as one project', async () => {
    const at = project();
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    const args = [
      '--noEmit',
      '--strict',
      '--module',
      'nodenext',
      '--target',
      'es2022',
      '--lib',
      'es2023,dom',
      '--types',
      'node',
      '--skipLibCheck',
    ];
    await run(process.execPath, [tsc, ...args, ...snippets.map((snippet) => join(at, snippet.file))], { cwd: root }).catch(
      (error: { stdout: string }) => {
        throw new Error(`the docs' snippets do not compile:\n${error.stdout}`);
      },
    );
  }, 120_000);

  // Compiling is not enough: the README's config runs MSW tests and server tests in one vitest run, as a user's
  // would, and MSW (onUnhandledRequest: 'error') must not see the server project's requests.
  it('run in vitest as the README configures them: every test passes and MSW reports no unhandled request', async () => {
    const at = project();
    const vitest = join(root, 'node_modules/vitest/vitest.mjs');
    const { stdout, stderr } = await run(process.execPath, [vitest, 'run', '--root', at, '--config', join(at, 'vitest.config.ts')], {
      cwd: at,
      env: { ...process.env, CI: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
      maxBuffer: 50_000_000,
    }).catch((error: { stdout: string; stderr: string }) => {
      throw new Error(`the docs' tests failed in vitest:\n${error.stdout.slice(0, 20_000)}\n${error.stderr.slice(0, 20_000)}`);
    });
    const tests = snippets.filter((snippet) => snippet.file.endsWith('.test.ts')).length;
    expect(stdout).toMatch(new RegExp(`Tests\\s+${tests} passed \\(${tests}\\)`));
    expect(`${stdout}\n${stderr}`).not.toContain('[MSW]');
  }, 180_000);
});
