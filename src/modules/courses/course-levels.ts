// The levels a course is taught at; a student's level of study follows their course.
export const courseLevels = ['UG', 'PG'] as const;
export type CourseLevel = (typeof courseLevels)[number];

export const courseLevelNames: Record<CourseLevel, string> = { UG: 'Undergraduate', PG: 'Postgraduate' };
