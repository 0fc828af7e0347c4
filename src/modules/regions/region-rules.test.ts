import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ancestorsOf,
  isRegionCodeFormat,
  isWithinRegion,
  type RegionLevel,
  regionLevel,
  regionScopePrefix,
} from './region-rules.js';

describe('isRegionCodeFormat', () => {
  it('accepts exactly six ASCII digits', () => {
    expect(isRegionCodeFormat('420100')).toBe(true);
    expect(isRegionCodeFormat('42010')).toBe(false);
    expect(isRegionCodeFormat('4201000')).toBe(false);
    expect(isRegionCodeFormat('42010a')).toBe(false);
    expect(isRegionCodeFormat(' 420100')).toBe(false);
    expect(isRegionCodeFormat('４２０１００')).toBe(false);
    expect(isRegionCodeFormat('')).toBe(false);
  });
});

describe('regionLevel', () => {
  it('derives the level from trailing zeros', () => {
    expect(regionLevel('420000')).toBe('province');
    expect(regionLevel('420100')).toBe('city');
    expect(regionLevel('429000')).toBe('city');
    expect(regionLevel('420102')).toBe('county');
    expect(regionLevel('429004')).toBe('county');
  });

  it('returns null for malformed codes', () => {
    expect(regionLevel('42')).toBeNull();
    expect(regionLevel('abcdef')).toBeNull();
  });
});

describe('regionScopePrefix', () => {
  it('returns the LIKE prefix for each level', () => {
    expect(regionScopePrefix('420000')).toBe('42');
    expect(regionScopePrefix('420100')).toBe('4201');
    expect(regionScopePrefix('429000')).toBe('4290');
    expect(regionScopePrefix('420102')).toBe('420102');
  });

  it('throws rather than returning a widening prefix', () => {
    expect(() => regionScopePrefix('')).toThrow(RangeError);
    expect(() => regionScopePrefix('42')).toThrow(RangeError);
    expect(() => regionScopePrefix('42%')).toThrow(RangeError);
  });
});

describe('isWithinRegion', () => {
  it('province scope covers the whole province', () => {
    expect(isWithinRegion('420000', '420000')).toBe(true);
    expect(isWithinRegion('420100', '420000')).toBe(true);
    expect(isWithinRegion('420102', '420000')).toBe(true);
    expect(isWithinRegion('429004', '420000')).toBe(true);
    expect(isWithinRegion('430102', '420000')).toBe(false);
  });

  it('city scope covers only its own counties', () => {
    expect(isWithinRegion('420100', '420100')).toBe(true);
    expect(isWithinRegion('420102', '420100')).toBe(true);
    expect(isWithinRegion('420202', '420100')).toBe(false);
    expect(isWithinRegion('420000', '420100')).toBe(false);
  });

  it('429000 covers the province-administered county-level units', () => {
    expect(isWithinRegion('429004', '429000')).toBe(true);
    expect(isWithinRegion('429021', '429000')).toBe(true);
    expect(isWithinRegion('420102', '429000')).toBe(false);
  });

  it('county scope covers only itself', () => {
    expect(isWithinRegion('420102', '420102')).toBe(true);
    expect(isWithinRegion('420103', '420102')).toBe(false);
    expect(isWithinRegion('420100', '420102')).toBe(false);
  });

  it('is false for malformed input on either side', () => {
    expect(isWithinRegion('4201', '420000')).toBe(false);
    expect(isWithinRegion('420102', '')).toBe(false);
    expect(isWithinRegion('420102', '42')).toBe(false);
  });
});

describe('ancestorsOf', () => {
  it('lists ancestors outermost first', () => {
    expect(ancestorsOf('420102')).toEqual(['420000', '420100']);
    expect(ancestorsOf('429004')).toEqual(['420000', '429000']);
    expect(ancestorsOf('420100')).toEqual(['420000']);
    expect(ancestorsOf('420000')).toEqual([]);
  });

  it('skips a city level that the code does not have', () => {
    expect(ancestorsOf('420012')).toEqual(['420000']);
  });

  it('throws on malformed codes', () => {
    expect(() => ancestorsOf('4201')).toThrow(RangeError);
  });
});

describe('regions-data.json', () => {
  interface RegionRecord {
    code: string;
    name: string;
    level: RegionLevel;
    parentCode: string | null;
  }
  const regions = JSON.parse(
    readFileSync(new URL('./regions-data.json', import.meta.url), 'utf8'),
  ) as RegionRecord[];
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const hubei = regions.filter((r) => isWithinRegion(r.code, '420000'));
  const hubeiCities = hubei.filter((r) => r.level === 'city');
  const hubeiCounties = hubei.filter((r) => r.level === 'county');

  it('is sorted by code with unique, well-formed codes whose level matches the code', () => {
    const codes = regions.map((r) => r.code);
    expect(codes).toEqual([...codes].sort());
    expect(new Set(codes).size).toBe(codes.length);
    for (const r of regions) {
      expect(regionLevel(r.code)).toBe(r.level);
      expect(r.name.length).toBeGreaterThan(0);
    }
  });

  it('has all 34 provincial-level units', () => {
    const provinces = regions.filter((r) => r.level === 'province');
    expect(provinces).toHaveLength(34);
    expect(provinces.every((p) => p.parentCode === null)).toBe(true);
    expect(byCode.get('420000')?.name).toBe('湖北省');
    expect(byCode.get('710000')?.name).toBe('台湾省');
    expect(byCode.get('810000')?.name).toBe('香港特别行政区');
    expect(byCode.get('820000')?.name).toBe('澳门特别行政区');
  });

  it('has the 14 Hubei city-level units under 420000', () => {
    expect(hubeiCities).toHaveLength(14);
    expect(hubeiCities.every((c) => c.parentCode === '420000')).toBe(true);
    expect(byCode.get('420100')?.name).toBe('武汉市');
    expect(byCode.get('420500')?.name).toBe('宜昌市');
    expect(byCode.get('429000')?.name).toBe('省直辖县级行政区划');
  });

  it('has >100 Hubei counties, each inside an existing parent city', () => {
    expect(hubeiCounties.length).toBeGreaterThan(100);
    for (const county of hubeiCounties) {
      const parent = county.parentCode === null ? undefined : byCode.get(county.parentCode);
      expect(parent?.level, county.code).toBe('city');
      if (parent) expect(isWithinRegion(county.code, parent.code), county.code).toBe(true);
      expect(ancestorsOf(county.code)).toEqual(['420000', county.parentCode]);
    }
    expect(byCode.get('429004')?.name).toBe('仙桃市');
  });

  it('omits statistics-only development-zone codes', () => {
    expect(byCode.has('421071')).toBe(false);
    expect(byCode.has('421171')).toBe(false);
  });
});
