export const organisationKinds = ['university', 'partner', 'funder'] as const;
export type OrganisationKind = (typeof organisationKinds)[number];
