import { describe, expect, it } from 'vitest';
import { checkRegion, isoAlpha3Codes } from './regions.js';

describe('checkRegion', () => {
  it('accepts ISO 3166-1 alpha-3 codes from the maintained list', () => {
    expect(isoAlpha3Codes.size).toBeGreaterThan(240);
    for (const code of ['PHL', 'IDN', 'SGP', 'THA', 'VNM', 'MYS', 'USA']) expect(checkRegion(code)).toBe('ok');
  });

  it('answers REGION_WRONG for three upper-case letters that are not a code', () => {
    expect(checkRegion('XYZ')).toBe('REGION_WRONG');
    expect(checkRegion('AAA')).toBe('REGION_WRONG');
  });

  it('answers the PARAMETER_ERROR variant for values not shaped like an alpha-3 code', () => {
    for (const value of ['phl', 'PH', 'PHLX', 'Philippines', 123, null, ['PHL']]) {
      expect(checkRegion(value)).toBe('PARAMETER_ERROR_REGION_WRONG');
    }
  });

  it('answers REGION_WRONG for a real code outside a configured list', () => {
    const supported = new Set(['PHL', 'IDN']);
    expect(checkRegion('PHL', supported)).toBe('ok');
    expect(checkRegion('USA', supported)).toBe('REGION_WRONG');
  });
});
