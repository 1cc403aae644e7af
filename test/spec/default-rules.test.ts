import { describe, expect, it } from 'vitest';
import { outcomeNames } from '../../src/core/envelope/outcome-catalog.js';
import { createResponder } from '../../src/responder/create-responder.js';
import { enrollPath } from '../../src/generated/outcomes.js';

describe('the default rules', () => {
  it('reach every documented outcome by a userId of its name in lower case and a dot', async () => {
    const responder = createResponder({ seed: 1 });
    const reached: Record<string, string> = {};
    for (const name of outcomeNames) {
      const body = JSON.stringify({ faceImage: 'not-an-image', userId: `${name.toLowerCase()}.tester`, region: 'PHL' });
      const { log } = await responder.respond({
        method: 'POST',
        path: enrollPath,
        headers: { 'x-access-token': 't' },
        bodyText: body,
      });
      reached[name] = `${log?.outcome} by ${log?.rule}`;
    }
    expect(reached).toEqual(Object.fromEntries(outcomeNames.map((name) => [name, `${name} by ${name.toLowerCase()}-users`])));
  });
});
