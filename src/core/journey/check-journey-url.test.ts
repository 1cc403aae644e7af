import { describe, expect, it } from 'vitest';
import { journeyUrlProblem, MAX_JOURNEY_URL_LENGTH } from './check-journey-url.js';

// The vendor's URL rules (docs/vendor-api.md#redirect-and-callback-url-rules), one row each. Literal strings only:
// nothing here is fetched.
describe('journeyUrlProblem', () => {
  const refused: Array<[string, string, 'callback' | 'redirect', RegExp]> = [
    ['a callbackUrl that is not http(s)', 'ftp://app.example/cb', 'callback', /must be http or https/],
    ['a custom-scheme callbackUrl', 'myapp://host/cb', 'callback', /must be http or https/],
    ...[
      'javascript:alert(1)',
      'data:text/html,hi',
      'file:///etc/passwd',
      'about:blank',
      'blob:https://app.example/1',
      'intent://x#Intent;end',
    ].map(
      (url) =>
        [`a ${url.split(':')[0]}: redirect`, url, 'redirect', /is not allowed for a redirect/] as [string, string, 'redirect', RegExp],
    ),
    ['a redirect with a control character', 'https://app.example/\u0007', 'redirect', /control character/],
    ['a redirect without a host (myapp:)', 'myapp:done', 'redirect', /has no host/],
    ['a redirect without a host (myapp://)', 'myapp://', 'redirect', /has no host/],
    ['a relative URL', '/done', 'redirect', /not an absolute URI/],
    ['a URL over 2048 characters', `https://app.example/${'a'.repeat(MAX_JOURNEY_URL_LENGTH)}`, 'callback', /at most 2048/],
  ];
  for (const [name, url, kind, problem] of refused) it(`refuses ${name}`, () => expect(journeyUrlProblem(url, kind)).toMatch(problem));

  it('accepts an https callback, and a custom-scheme redirect with a host, at exactly 2048 characters', () => {
    expect(journeyUrlProblem('https://app.example/callback?auth=s3cret', 'callback')).toBeNull();
    expect(journeyUrlProblem('myapp://host/done', 'redirect')).toBeNull();
    const longest = `https://app.example/${'a'.repeat(MAX_JOURNEY_URL_LENGTH - 'https://app.example/'.length)}`;
    expect([longest.length, journeyUrlProblem(longest, 'redirect')]).toEqual([2048, null]);
  });
});
