/**
 * Structural rules for 6-digit GB/T 2260 administrative division codes
 * (PPCCDD: province, city, county). Pure: nothing here consults the region
 * data, so codes are judged by shape alone.
 */

export type RegionLevel = 'province' | 'city' | 'county';

const REGION_CODE = /^\d{6}$/;

/** True when `code` is exactly six ASCII digits. */
export function isRegionCodeFormat(code: string): boolean {
  return REGION_CODE.test(code);
}

/**
 * Level implied by the code's trailing zeros: `PP0000` is a province,
 * `PPCC00` a city (including pseudo-cities such as 429000 省直辖县级行政区划),
 * anything else a county. Returns null for a malformed code.
 */
export function regionLevel(code: string): RegionLevel | null {
  if (!isRegionCodeFormat(code)) return null;
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

function requireCode(code: string, what: string): RegionLevel {
  const level = regionLevel(code);
  if (level === null) throw new RangeError(`${what} must be a 6-digit region code, got ${JSON.stringify(code)}`);
  return level;
}

/**
 * Code prefix shared by every region inside `scopeCode`: '42' for 420000,
 * '4201' for 420100, the whole code for a county. Meant for SQL
 * `code LIKE prefix || '%'`.
 *
 * Throws RangeError on a malformed scope: an empty or short prefix would
 * silently widen a LIKE filter to other regions, which is a data-scope leak.
 */
export function regionScopePrefix(scopeCode: string): string {
  switch (requireCode(scopeCode, 'scopeCode')) {
    case 'province':
      return scopeCode.slice(0, 2);
    case 'city':
      return scopeCode.slice(0, 4);
    case 'county':
      return scopeCode;
  }
}

/**
 * Whether `code` lies inside (or equals) the region `scopeCode`. Malformed
 * input on either side is never within anything.
 */
export function isWithinRegion(code: string, scopeCode: string): boolean {
  if (!isRegionCodeFormat(code) || !isRegionCodeFormat(scopeCode)) return false;
  return code.startsWith(regionScopePrefix(scopeCode));
}

/**
 * Structural ancestors of `code`, outermost first: '420102' →
 * ['420000', '420100']; a province has none. A county whose city digits are
 * '00' (directly under its province) gets only the province. The ancestors are
 * derived from the code, so they need not exist in the region data.
 *
 * Throws RangeError on a malformed code.
 */
export function ancestorsOf(code: string): string[] {
  const level = requireCode(code, 'code');
  if (level === 'province') return [];
  const province = `${code.slice(0, 2)}0000`;
  if (level === 'city') return [province];
  const city = `${code.slice(0, 4)}00`;
  return city === province ? [province] : [province, city];
}
