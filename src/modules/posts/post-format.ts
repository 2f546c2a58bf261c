// How a post's facts read on a page: plain English, for the catalogue and the staff views.
import { formatDay } from '../../platform/time/zoned.ts';
import { languageName, levelNames, type LanguageRequirement, type Level } from './eligibility.ts';
import type { StipendPeriod, WorkingPattern } from './posts.tables.ts';

export function formatMonths(months: number): string {
  return `${months} ${months === 1 ? 'month' : 'months'}`;
}

export function formatStartWindow(earliest: string, latest: string): string {
  return earliest === latest ? `On ${formatDay(earliest)}` : `Between ${formatDay(earliest)} and ${formatDay(latest)}`;
}

const periods: Record<StipendPeriod, string> = { month: 'per month', week: 'per week', total: 'in total' };

// Stipends are stored in hundredths of the currency unit (posts.input.ts: amount × 100).
export function formatStipend(minor: number | null, currency: string | null, period: StipendPeriod | null): string {
  if (minor === null || !currency) return 'No partner stipend';
  const amount = minor / 100;
  let money: string;
  try {
    money = new Intl.NumberFormat('en-GB', { style: 'currency', currency, currencyDisplay: 'code' }).format(amount).replace(/\u00a0/g, ' ');
  } catch {
    money = `${amount.toFixed(2)} ${currency}`;
  }
  return period ? `${money} ${periods[period]}` : money;
}

export function workingPatternName(pattern: WorkingPattern): string {
  return pattern === 'on_site' ? 'On site' : 'Hybrid (on site and remote)';
}

const levelPlurals: Record<Level, string> = { UG: 'undergraduates', PG: 'postgraduates', recent_graduate: 'recent graduates (within 12 months)' };

function joinOr(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] ?? ''}`;
}

export function levelsInWords(levels: readonly Level[]): string {
  if (levels.length === 0) return 'Nobody yet (no level chosen)';
  const words = joinOr(levels.map((level) => levelPlurals[level]));
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function levelName(level: Level): string {
  const name = levelNames[level];
  return name.charAt(0).toUpperCase() + name.slice(1);
}

export function coursesInWords(courses: readonly string[]): string {
  return courses.length === 0 ? 'Any course' : courses.join('; ');
}

export function minYearInWords(minYear: number | null): string {
  return minYear === null || minYear <= 1 ? 'Any year of study' : `Year ${minYear} of study or later`;
}

export function languagesInWords(languages: readonly LanguageRequirement[]): string[] {
  return languages.map((need) => `${languageName(need.language)} at ${need.level} or above`);
}
