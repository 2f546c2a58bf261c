// The roles of PRODUCT.md, "Who uses it".
export const roles = ['student', 'staff', 'partner_admin', 'partner_reviewer', 'funder', 'edi_officer', 'admin'] as const;
export type Role = (typeof roles)[number];
