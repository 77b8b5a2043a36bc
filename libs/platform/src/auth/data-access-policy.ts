import type { PersonalDataCategory } from '@banenpool/domain';
import type { Role } from './actor.js';

/**
 * What of a worker a caller may see, by role and by the purpose they state: the one place data
 * minimisation is decided (issue 18). Query handlers drop what is not in the set; routes whose
 * answer cannot be cut down (raw event histories, LKS claims) refuse a purpose that does not cover them.
 *
 * Skills, hours, placements and pseudonymous ids are not in the table: every role that may call a
 * route sees those.
 */
export const PERSONAL_FIELDS = ['name', 'birthDate', 'location', 'targetGroup'] as const;
export type PersonalField = (typeof PERSONAL_FIELDS)[number];

/** Which category of the access record each field falls under. */
export const CATEGORY_OF: Readonly<Record<PersonalField, PersonalDataCategory>> = {
  name: 'personal',
  birthDate: 'personal',
  location: 'personal',
  targetGroup: 'target-group',
};

export const PURPOSES = [
  'pool_operations',
  'subject_access',
  'payroll_audit',
  'banenafspraak_audit',
  'invoice_audit',
  'records_audit',
] as const;
export type Purpose = (typeof PURPOSES)[number];

interface PurposeRule {
  /** Said to the caller (the OpenAPI document and a 400 list them). */
  readonly description: string;
  /** What an auditor stating this purpose sees; operators see every field whatever their purpose. */
  readonly auditor: readonly PersonalField[] | 'not_open';
}

/** The purposes and, for auditors, what each needs: birth date only where age sets the pay, target-group data only where it is the question. */
export const PURPOSE_RULES: Readonly<Record<Purpose, PurposeRule>> = {
  pool_operations: { description: 'the pool’s own work: placing, planning, paying (operators only)', auditor: 'not_open' },
  subject_access: { description: 'answering a worker’s access request (GDPR art. 15): everything', auditor: PERSONAL_FIELDS },
  payroll_audit: { description: 'checking pay: name and birth date (youth wages go by age)', auditor: ['name', 'birthDate'] },
  banenafspraak_audit: {
    description: 'checking banenafspraak counts and LKS claims: name and target-group status, wage value',
    auditor: ['name', 'targetGroup'],
  },
  invoice_audit: { description: 'checking invoices: name', auditor: ['name'] },
  records_audit: { description: 'checking records, chains and totals: pseudonymous ids only, no personal fields', auditor: [] },
};

export type DataAccess =
  | { readonly ok: true; readonly purpose?: Purpose; readonly fields: ReadonlySet<PersonalField> }
  | { readonly ok: false; readonly problem: string };

const EMPLOYER_FIELDS: readonly PersonalField[] = ['name'];

/**
 * The fields a caller sees for a stated purpose (`undefined`: none stated). Operators and auditors
 * must state one; employers see the name of a worker placed with them and are not asked why.
 */
export function dataAccessFor(role: Role, purpose: string | undefined): DataAccess {
  if (role === 'employer') return { ok: true, fields: new Set(EMPLOYER_FIELDS) };
  const open = PURPOSES.filter((p) => role === 'operator' || PURPOSE_RULES[p].auditor !== 'not_open');
  const choose = `one of ${open.join(', ')}`;
  if (purpose === undefined || purpose === '') {
    return { ok: false, problem: `purpose is required on reads of workers' personal data: say why, as ${choose}` };
  }
  if (!(PURPOSES as readonly string[]).includes(purpose)) return { ok: false, problem: `purpose must be ${choose}, not "${purpose}"` };
  const stated = purpose as Purpose;
  if (role === 'operator') return { ok: true, purpose: stated, fields: new Set(PERSONAL_FIELDS) };
  const auditor = PURPOSE_RULES[stated].auditor;
  if (auditor === 'not_open') return { ok: false, problem: `purpose ${stated} is not open to auditors: ${choose}` };
  return { ok: true, purpose: stated, fields: new Set(auditor) };
}

/** The categories a set of fields falls under, in a fixed order. */
export function categoriesOf(fields: Iterable<PersonalField>): PersonalDataCategory[] {
  const categories = new Set([...fields].map((field) => CATEGORY_OF[field]));
  return (['personal', 'target-group'] as const).filter((category) => categories.has(category));
}

/** The purposes whose auditors see every one of `fields`: what a refusal suggests instead. */
export function purposesCovering(fields: readonly PersonalField[]): Purpose[] {
  return PURPOSES.filter((p) => {
    const seen = PURPOSE_RULES[p].auditor;
    return seen !== 'not_open' && fields.every((field) => seen.includes(field));
  });
}
