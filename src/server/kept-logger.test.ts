import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './create-logger.js';
import { keptLogger } from './kept-logger.js';

const sink = () => {
  const lines: string[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, out };
};

describe('keptLogger', () => {
  it('does not read the detail of a line its level drops', () => {
    const { lines, out } = sink();
    const log = keptLogger(createLogger('warn', 'json', out));
    let reads = 0;
    const detail = {
      get path() {
        reads++;
        return '/x';
      },
    };
    log.info(detail, 'dropped');
    expect(reads).toBe(0);
    log.warn(detail, 'kept');
    expect(reads).toBe(1);
    expect(lines.map((line) => JSON.parse(line).msg)).toEqual(['kept']);
  });

  it('cuts the texts of a line it writes', () => {
    const { lines, out } = sink();
    keptLogger(createLogger('info', 'json', out)).info({ path: 'p'.repeat(5000) }, 'm'.repeat(5000));
    const line = JSON.parse(lines[0]!) as { path: string; msg: string };
    expect(line.path.length).toBeLessThan(400);
    expect(line.msg.length).toBeLessThan(1100);
  });
});
