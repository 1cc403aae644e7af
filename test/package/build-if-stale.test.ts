import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const script = resolve(import.meta.dirname, '../../scripts/build-if-stale.mjs');
let root: string;

/**
 * A stand-in project: its scripts/bundle-cli.ts writes the two outputs and counts its runs in builds.log, so
 * the test sees whether build-if-stale.mjs built, without the real 3 s bundle (or touching the real dist/).
 */
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'build-if-stale-'));
  for (const dir of ['src', 'mocks', 'scripts']) mkdirSync(join(root, dir));
  writeFileSync(join(root, 'src/main.ts'), 'export {};\n');
  // Its build script (what --all runs) writes the exports map's file and the bundles, and counts its runs in all.log.
  const build = `const fs = require('node:fs'); fs.mkdirSync('dist/lib', { recursive: true }); fs.mkdirSync('dist/bundle', { recursive: true }); for (const file of ['dist/lib/index.js', 'dist/bundle/cli.mjs', 'dist/bundle/server.mjs']) fs.writeFileSync(file, ''); fs.appendFileSync('all.log', 'built\\n')`;
  writeFileSync(
    join(root, 'package.json'),
    JSON.stringify({
      exports: { '.': { default: './dist/lib/index.js' }, './rules.yaml': './rules.yaml' },
      scripts: { build: `node -e "${build}"` },
    }),
  );
  writeFileSync(
    join(root, 'scripts/bundle-cli.ts'),
    `import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
     const note: string = 'built\\n';
     mkdirSync('dist/bundle', { recursive: true });
     for (const file of ['cli.mjs', 'server.mjs']) writeFileSync('dist/bundle/' + file, '');
     appendFileSync('builds.log', note);\n`,
  );
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const runs = (log: string) => {
  try {
    return readFileSync(join(root, log), 'utf8').split('\n').filter(Boolean).length;
  } catch {
    return 0;
  }
};
const builds = () => runs('builds.log');
const ensure = () => run(process.execPath, [script, root]);
const ensureAll = () => run(process.execPath, [script, '--all', root]);
/** Moves a file's modification time `seconds` into the future: newer than any output written so far. */
const touch = (path: string, seconds: number) => {
  const when = new Date(Date.now() + seconds * 1000);
  utimesSync(join(root, path), when, when);
};

describe('scripts/build-if-stale.mjs (npm start, npm ci)', () => {
  it('builds when there is no build yet, and says why', async () => {
    const { stderr } = await ensure();
    expect(builds()).toBe(1);
    expect(stderr).toContain('no build yet');
  });

  it('does not build again when no source changed since', async () => {
    await ensure();
    expect(builds()).toBe(1);
  });

  it('builds again when a source file is newer than the build', async () => {
    touch('src/main.ts', 60);
    const { stderr } = await ensure();
    expect(builds()).toBe(2);
    expect(stderr).toContain('sources changed');
  });

  it('builds again when one of the outputs is missing', async () => {
    rmSync(join(root, 'dist/bundle/server.mjs'));
    touch('src/main.ts', -3600); // older than the remaining output: only the missing one can trigger it
    await ensure();
    expect(builds()).toBe(3);
  });

  it('does not build when only a test file beside the code changed', async () => {
    writeFileSync(join(root, 'src/main.test.ts'), 'export {};\n');
    await ensure(); // a new file changes its folder: built
    const before = builds();
    touch('src/main.test.ts', 60);
    await ensure();
    expect(builds()).toBe(before);
  });
});

describe('scripts/build-if-stale.mjs --all (the test setup)', () => {
  it('runs npm run build when a file of the exports map is missing, and not again when no source changed', async () => {
    rmSync(join(root, 'dist/lib'), { recursive: true, force: true });
    const { stderr } = await ensureAll();
    expect(runs('all.log')).toBe(1);
    expect(stderr).toContain('building dist (no build yet)');
    await ensureAll();
    expect(runs('all.log')).toBe(1);
  });

  it('runs npm run build again when tsconfig.build.json is newer than the build', async () => {
    writeFileSync(join(root, 'tsconfig.build.json'), '{}\n');
    touch('tsconfig.build.json', 120);
    const { stderr } = await ensureAll();
    expect(runs('all.log')).toBe(2);
    expect(stderr).toContain('sources changed');
  });
});
