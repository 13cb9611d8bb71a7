/**
 * NormalizeDiacritics (entra-semantics.md §3): the documented table, data transcribed from the
 * function reference. Several entries are a base letter plus combining marks, so input is put in
 * NFC first and the longest table entry wins at each position. Characters outside the table pass
 * through (or lose their combining marks: the `diacriticsOutsideTable` setting).
 */

/** Replacement → the characters it replaces (lower-case row, then upper-case row). */
const table: ReadonlyArray<readonly [string, string]> = [
  ['a', 'ä à â ã å á ą ă ā ā́ ā̀ ā̂ ā̃ ǟ ā̈ ǡ a̱ å̄'],
  ['A', 'Ä À Â Ã Å Á Ą Ă Ā Ā́ Ā̀ Ā̂ Ā̃ Ǟ Ā̈ Ǡ A̱ Å̄'],
  ['ae', 'æ ǣ'],
  ['AE', 'Æ Ǣ'],
  ['c', 'ç č ć c̄ c̱'],
  ['C', 'Ç Č Ć C̄ C̱'],
  ['d', 'ď d̄ ḏ'],
  ['D', 'Ď D̄ Ḏ'],
  ['e', 'ë è é ê ę ě ė ē ḗ ḕ ē̂ ē̃ ê̄ e̱ ë̄ e̊̄'],
  ['E', 'Ë È É Ê Ę Ě Ė Ē Ḗ Ḕ Ē̂ Ē̃ Ê̄ E̱ Ë̄ E̊̄'],
  ['g', 'ğ ḡ g̱'],
  ['G', 'Ğ Ḡ G̱'],
  ['i', 'ï î ì í ı ī ī́ ī̀ ī̂ ī̃ i̱'],
  ['I', 'Ï Î Ì Í İ Ī Ī́ Ī̀ Ī̂ Ī̃ I̱'],
  ['l', 'ľ ł l̄ ḹ ḻ'],
  ['L', 'Ł Ľ L̄ Ḹ Ḻ'],
  ['n', 'ñ ń ň n̄ ṉ'],
  ['N', 'Ñ Ń Ň N̄ Ṉ'],
  ['o', 'ö ò ő õ ô ó ō ṓ ṑ ō̂ ō̃ ȫ ō̈ ǭ ȭ ȱ o̱'],
  ['O', 'Ö Ò Ő Õ Ô Ó Ō Ṓ Ṑ Ō̂ Ō̃ Ȫ Ō̈ Ǭ Ȭ Ȱ O̱'],
  ['oe', 'ø ø̄ œ̄'],
  ['OE', 'Ø Ø̄ Œ̄'],
  ['r', 'ř r̄ ṟ ṝ'],
  ['R', 'Ř R̄ Ṟ Ṝ'],
  ['ss', 'ß'],
  ['s', 'š ś ș ş s̄ s̱'],
  ['S', 'Š Ś Ș Ş S̄ S̱'],
  ['t', 'ť ț t̄ ṯ'],
  ['T', 'Ť Ț T̄ Ṯ'],
  ['u', 'ü ù û ú ů ű ū ū́ ū̀ ū̂ ū̃ u̇̄ ǖ ṻ ṳ̄ u̱'],
  ['U', 'Ü Ù Û Ú Ů Ű Ū Ū́ Ū̀ Ū̂ Ū̃ U̇̄ Ǖ Ṻ Ṳ̄ U̱'],
  ['y', 'ÿ ý ȳ ȳ́ ȳ̀ ȳ̃ y̱'],
  ['Y', 'Ÿ Ý Ȳ Ȳ́ Ȳ̀ Ȳ̃ Y̱'],
  ['z', 'ź ž ż z̄ ẕ'],
  ['Z', 'Ź Ž Ż Z̄ Ẕ'],
];

/** NFC form of each table entry → its replacement. */
export const diacriticsMap: ReadonlyMap<string, string> = new Map(
  table.flatMap(([to, from]) => from.split(' ').map((ch) => [ch.normalize('NFC'), to] as const)),
);
const longest = Math.max(...[...diacriticsMap.keys()].map((k) => k.length));
const plain = /^[\x00-\x7f]*$/;
const combiningMarks = /\p{Mn}/gu;

/** Replaces every table entry; keeps (or strips the marks of) anything else. */
export function normalizeDiacritics(text: string, outside: 'keep' | 'stripMarks'): string {
  if (plain.test(text)) return text;
  const s = text.normalize('NFC');
  let out = '';
  let i = 0;
  outer: while (i < s.length) {
    if (s.charCodeAt(i) >= 0x80 || s.charCodeAt(i + 1) >= 0x80) {
      for (let len = Math.min(longest, s.length - i); len > 0; len--) {
        const hit = diacriticsMap.get(s.slice(i, i + len));
        if (hit !== undefined) {
          out += hit;
          i += len;
          continue outer;
        }
      }
    }
    out += s[i];
    i++;
  }
  return outside === 'stripMarks' ? out.normalize('NFD').replace(combiningMarks, '').normalize('NFC') : out;
}
