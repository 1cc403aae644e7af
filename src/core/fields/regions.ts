import { isoAlpha3CodeList } from '../../generated/iso-alpha3.js';
import { regionPattern } from '../../generated/request-rules.js';

/**
 * ISO 3166-1 alpha-3 codes, from the maintained i18n-iso-countries package rather than a hand-typed table:
 * `npm run generate` writes its code table out (src/generated/iso-alpha3.ts), so the package does not depend
 * on it at run time.
 */
export const isoAlpha3Codes: ReadonlySet<string> = new Set(isoAlpha3CodeList);

export type RegionVerdict = 'ok' | 'PARAMETER_ERROR_REGION_WRONG' | 'REGION_WRONG';

/**
 * The page lists "Region is wrong" both as a PARAMETER_ERROR message and as the code REGION_WRONG; the kit
 * keeps both reachable (docs/decisions/0002-message-texts.md): a value not shaped like an alpha-3 code is a
 * parameter error, a well-shaped code that is not ISO (or not in `supported`) is REGION_WRONG.
 */
export function checkRegion(region: unknown, supported?: ReadonlySet<string>): RegionVerdict {
  if (typeof region !== 'string' || !regionPattern.test(region)) return 'PARAMETER_ERROR_REGION_WRONG';
  if (!isoAlpha3Codes.has(region)) return 'REGION_WRONG';
  if (supported && !supported.has(region)) return 'REGION_WRONG';
  return 'ok';
}
