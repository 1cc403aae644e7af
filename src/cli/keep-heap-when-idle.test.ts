import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { MEMORY_REDUCER_DELAY_FLAG } from './keep-heap-when-idle.js';

// V8 prints "Error: unrecognized flag" for a setting it does not know and carries on without it: a Node whose V8
// dropped or renamed this one would shrink the heap again, and say so on serve's stderr.
it("raises a V8 setting this Node's V8 knows, to a value its type holds", () => {
  const [name, value] = MEMORY_REDUCER_DELAY_FLAG.split('=') as [string, string];
  const options = spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).stdout;
  const described = options.slice(options.indexOf(`  ${name} `));
  expect(described.startsWith(`  ${name} `), `${name} is not among node --v8-options`).toBe(true);
  expect(described.split('\n')[1]).toMatch(/type: int\b/);
  expect(Number(value)).toBeLessThanOrEqual(2 ** 31 - 1);
});

it('is accepted by a running process, after start-up, without a word on stderr', () => {
  const run = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import { setFlagsFromString } from 'node:v8'; setFlagsFromString(${JSON.stringify(MEMORY_REDUCER_DELAY_FLAG)});`,
    ],
    { encoding: 'utf8' },
  );
  expect(run.status).toBe(0);
  expect(run.stderr).toBe('');
});
