// Anonymised review: the student's name where it appears in their own text (statement, motivations,
// answers) becomes "[name]". Pure: text and name in, text out. Whole words only, any case; the full
// name first, then each part of it (first, middle and last names, and each half of a hyphenated
// one), so "Ada Lovelace" is one "[name]" and "Ada's" becomes "[name]'s". Single letters (initials)
// are left alone: they would also redact ordinary words such as "a". A name that is also an
// ordinary word ("Hope") is redacted wherever it appears: too much hidden is safer than too little.

export const NAME_MARK = '[name]';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// the terms to hide, longest first so a full name wins over its parts
export function nameTerms(fullName: string): string[] {
  const full = fullName.trim().replace(/\s+/g, ' ');
  if (full === '') return [];
  const words = full.split(' ');
  const terms = new Set<string>([full]);
  for (const word of words) {
    terms.add(word);
    for (const half of word.split('-')) terms.add(half);
  }
  // first and last name together, without middle names
  if (words.length > 2) terms.add(`${words[0]} ${words[words.length - 1]}`);
  return [...terms]
    .map((t) => t.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((t) => [...t].length >= 2)
    .sort((a, b) => b.length - a.length);
}

// whole words: no letter or digit either side (JavaScript's \b only knows ASCII letters)
function termPattern(term: string): string {
  // spaces inside a full name match any run of white space ("Ada\nLovelace")
  const body = term
    .split(' ')
    .map((part) => escapeRegExp(part))
    .join('\\s+');
  return `(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`;
}

export function redactName(text: string, fullName: string): string {
  const terms = nameTerms(fullName);
  if (terms.length === 0 || text === '') return text;
  const pattern = new RegExp(terms.map(termPattern).join('|'), 'giu');
  return text.replace(pattern, NAME_MARK);
}

// other identifiers a student might type into their own text (their e-mail, their student number)
export function redactLiterals(text: string, literals: readonly (string | null | undefined)[]): string {
  let out = text;
  for (const literal of literals) {
    const value = literal?.trim();
    if (!value || value.length < 3) continue;
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(value)}(?![\\p{L}\\p{N}])`, 'giu'), '[redacted]');
  }
  return out;
}

export function redactStudentText(text: string, student: { name: string; email?: string | null; studentNumber?: string | null }): string {
  // literals first: an e-mail address often contains the name ("ada.lovelace@...")
  return redactName(redactLiterals(text, [student.email, student.studentNumber]), student.name);
}
