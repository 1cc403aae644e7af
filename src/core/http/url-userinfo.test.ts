import { describe, expect, it } from 'vitest';
import { splitUserinfo, withoutUserinfo } from './url-userinfo.js';

describe('splitUserinfo', () => {
  it('splits user:pass@ off as Basic credentials, percent-decoded, the password up to the last @', () => {
    const split = splitUserinfo('https://hook:p%C3%A9@ss@127.0.0.1:8443/cb?x=1');
    expect(split.url).toBe('https://127.0.0.1:8443/cb?x=1');
    expect(Buffer.from(split.authorization!.slice('Basic '.length), 'base64').toString()).toBe('hook:pé@ss');
  });

  it('leaves a URL without userinfo as it was sent, and strips a custom scheme one', () => {
    expect(splitUserinfo('http://127.0.0.1:9/cb?auth=secret')).toEqual({ url: 'http://127.0.0.1:9/cb?auth=secret' });
    expect(withoutUserinfo('myapp://joe:pw@host/fail')).toBe('myapp://host/fail');
  });

  it('strips what looks like userinfo from a text that does not parse', () => {
    expect(withoutUserinfo('http://joe:pw@[bad/x')).toBe('http://[bad/x');
  });
});
