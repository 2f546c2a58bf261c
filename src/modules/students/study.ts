// The levels and years a student's study details can have.
export const studyLevels = ['UG', 'PG'] as const;
export type StudyLevel = (typeof studyLevels)[number];

export const MAX_YEAR_OF_STUDY = 7;
