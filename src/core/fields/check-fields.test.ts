import { describe, expect, it } from 'vitest';
import { checkFields } from './check-fields.js';

const good = { faceImage: 'AQID', userId: 'user-1', region: 'PHL' };

describe('checkFields', () => {
  const cases: Array<[string, { given: unknown; want: string }]> = [
    ['refuses a body that is not an object', { given: 'text', want: 'PARAMETER_ERROR' }],
    ['refuses an array body', { given: [good], want: 'PARAMETER_ERROR' }],
    ['refuses a null body', { given: null, want: 'PARAMETER_ERROR' }],
    ['asks for a missing faceImage', { given: { userId: 'u', region: 'PHL' }, want: 'PARAMETER_ERROR_EMPTY' }],
    ['asks for a missing userId', { given: { faceImage: 'AQID', region: 'PHL' }, want: 'PARAMETER_ERROR_EMPTY' }],
    ['asks for a null userId', { given: { ...good, userId: null }, want: 'PARAMETER_ERROR_EMPTY' }],
    ['asks for a blank region', { given: { ...good, region: ' ' }, want: 'PARAMETER_ERROR_EMPTY' }],
    ['names a null faceImage', { given: { ...good, faceImage: null }, want: 'PARAMETER_ERROR_IMAGE_NULL' }],
    ['names an empty faceImage', { given: { ...good, faceImage: '' }, want: 'PARAMETER_ERROR_FACE_IMAGE_EMPTY' }],
    ['names a blank faceImage', { given: { ...good, faceImage: ' \t' }, want: 'PARAMETER_ERROR_FACE_IMAGE_EMPTY' }],
    ['refuses a faceImage object', { given: { ...good, faceImage: { url: 'x' } }, want: 'PARAMETER_ERROR' }],
    ['refuses a numeric userId', { given: { ...good, userId: 7 }, want: 'PARAMETER_ERROR_USER_ID_INVALID' }],
    ['refuses a 65-character userId', { given: { ...good, userId: 'a'.repeat(65) }, want: 'PARAMETER_ERROR_USER_ID_INVALID' }],
    ['refuses a userId with unicode', { given: { ...good, userId: 'jos\u00e9' }, want: 'PARAMETER_ERROR_USER_ID_INVALID' }],
    ['refuses a malformed region', { given: { ...good, region: 'ph' }, want: 'PARAMETER_ERROR_REGION_WRONG' }],
    ['refuses an unknown region', { given: { ...good, region: 'QQQ' }, want: 'REGION_WRONG' }],
    [
      'ignores fields inherited through __proto__',
      { given: JSON.parse('{"__proto__": {"faceImage": "AQID", "userId": "u", "region": "PHL"}}'), want: 'PARAMETER_ERROR_EMPTY' },
    ],
  ];
  for (const [name, { given, want }] of cases) {
    it(name, () => {
      const got = checkFields(given);
      expect(got.ok ? 'ok' : got.outcome).toBe(want);
    });
  }

  it('accepts a 64-character userId of every allowed character class', () => {
    const userId = ('Az09_.@:-' + 'x'.repeat(64)).slice(0, 64);
    expect(checkFields({ ...good, userId })).toEqual({ ok: true, fields: { userId, region: good.region } });
  });
});
