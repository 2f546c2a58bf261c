// Search keys: lower case, accents and apostrophes dropped, other punctuation as single spaces,
// so "Genève", "geneve" and "GENEVE" meet, and "St. John's" meets the zone name "St_Johns".
const LETTERS: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
  ŀ: 'l',
};

// ' ’ ‘ ‛ ` ´ ′ ʹ ʻ ʼ ʽ ˈ: GeoNames writes Nukuʻalofa with ‘, people type ' or ’. Dropped before the
// decomposition, which would turn ´ into a space and an accent.
const APOSTROPHES = /['\u2019\u2018\u201b`\u00b4\u2032\u02b9\u02bb\u02bc\u02bd\u02c8]/g;

export function foldText(text: string): string {
  // most place names are plain ASCII: skip Unicode normalisation for them
  if (/^[\x20-\x7e]*$/.test(text)) {
    return text
      .toLowerCase()
      .replace(/['`.]/g, '')
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  }
  return text
    .replace(APOSTROPHES, '')
    .normalize('NFKD')
    .toLowerCase()
    .replace(/\p{M}+/gu, '')
    .replace(/[ßẞæœøłđðþıħŧŀ]/g, (ch) => LETTERS[ch] ?? ch)
    .replace(APOSTROPHES, '')
    .replace(/\./g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
