// Who may apply for a post: one pure function, used by the catalogue and by applications.

export const levels = ['UG', 'PG', 'recent_graduate'] as const;
export type Level = (typeof levels)[number];
export const levelNames: Record<Level, string> = { UG: 'undergraduate', PG: 'postgraduate', recent_graduate: 'recent graduate' };

export const cefrLevels = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
export type Cefr = (typeof cefrLevels)[number];

export interface LanguageRequirement {
  // ISO 639-1 code
  language: string;
  level: Cefr;
}

export interface PostRequirements {
  levels: readonly Level[];
  // empty: open to any course
  courses: readonly string[];
  minYear: number | null;
  languages: readonly LanguageRequirement[];
}

export interface StudentFacts {
  studyLevel: 'UG' | 'PG';
  course: string;
  yearOfStudy: number;
  // a graduate has left the university; graduatedOn says when
  graduatedOn: string | null;
  languages: readonly LanguageRequirement[];
}

export interface Eligibility {
  eligible: boolean;
  reasons: string[];
}

// Names of the languages the programme meets most; any other ISO code shows as itself.
export const languageNames: Record<string, string> = {
  ar: 'Arabic', de: 'German', en: 'English', es: 'Spanish', fr: 'French', it: 'Italian', ja: 'Japanese', lo: 'Lao', pt: 'Portuguese',
  ru: 'Russian', so: 'Somali', sw: 'Swahili', th: 'Thai', vi: 'Vietnamese', zh: 'Chinese',
};

export function languageName(code: string): string {
  return languageNames[code] ?? code.toUpperCase();
}

const RECENT_GRADUATE_MONTHS = 12;

function monthsBetween(earlier: string, later: string): number {
  const [y1, m1, d1] = earlier.split('-').map(Number);
  const [y2, m2, d2] = later.split('-').map(Number);
  const months = ((y2 ?? 0) - (y1 ?? 0)) * 12 + ((m2 ?? 0) - (m1 ?? 0));
  return (d2 ?? 0) < (d1 ?? 0) ? months - 1 : months;
}

function sameCourse(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

// asOf: the day that decides "recent" (a yyyy-mm-dd date, e.g. the round's applications deadline).
export function checkEligibility(student: StudentFacts, post: PostRequirements, asOf: string): Eligibility {
  const reasons: string[] = [];
  const graduate = student.graduatedOn !== null && student.graduatedOn <= asOf;
  if (graduate && student.graduatedOn !== null && monthsBetween(student.graduatedOn, asOf) >= RECENT_GRADUATE_MONTHS) {
    reasons.push(`You graduated more than ${RECENT_GRADUATE_MONTHS} months ago; the programme is for current students and graduates of the last ${RECENT_GRADUATE_MONTHS} months.`);
  }
  const level: Level = graduate ? 'recent_graduate' : student.studyLevel;
  if (!post.levels.includes(level)) {
    reasons.push(`This post is for ${post.levels.map((l) => `${levelNames[l]}s`).join(' or ')}; you are ${level === 'UG' ? 'an' : 'a'} ${levelNames[level]}.`);
  }
  if (post.courses.length > 0 && !post.courses.some((course) => sameCourse(course, student.course))) {
    reasons.push(`This post is open to students of ${post.courses.join(', ')}; your course is ${student.course}.`);
  }
  if (!graduate && post.minYear !== null && student.yearOfStudy < post.minYear) {
    reasons.push(`This post needs you to be in year ${post.minYear} of your studies or later; you are in year ${student.yearOfStudy}.`);
  }
  for (const need of post.languages) {
    const have = student.languages.find((l) => l.language === need.language);
    if (!have) {
      reasons.push(`This post needs ${languageName(need.language)} at ${need.level} or above; your profile does not list ${languageName(need.language)}.`);
    } else if (cefrLevels.indexOf(have.level) < cefrLevels.indexOf(need.level)) {
      reasons.push(`This post needs ${languageName(need.language)} at ${need.level} or above; your profile says ${have.level}.`);
    }
  }
  return { eligible: reasons.length === 0, reasons };
}
