import {
  categoriesOf,
  dataAccessFor,
  PERSONAL_FIELDS,
  PURPOSE_RULES,
  PURPOSES,
  purposesCovering,
  type PersonalField,
} from './data-access-policy.js';

const fieldsOf = (role: 'operator' | 'employer' | 'auditor', purpose?: string): PersonalField[] | string => {
  const access = dataAccessFor(role, purpose);
  return access.ok ? [...access.fields].sort() : access.problem;
};

describe('what each role sees of a worker, by the purpose stated', () => {
  it.each(PURPOSES)('an operator sees every field, whatever the purpose (%s), and the purpose is kept', (purpose) => {
    expect(fieldsOf('operator', purpose)).toEqual([...PERSONAL_FIELDS].sort());
    expect(dataAccessFor('operator', purpose)).toMatchObject({ ok: true, purpose });
  });

  it.each<[string, PersonalField[]]>([
    ['subject_access', ['birthDate', 'location', 'name', 'targetGroup']],
    ['payroll_audit', ['birthDate', 'name']],
    ['banenafspraak_audit', ['name', 'targetGroup']],
    ['invoice_audit', ['name']],
    ['records_audit', []],
  ])('an auditor stating %s sees %j', (purpose, fields) => {
    expect(fieldsOf('auditor', purpose)).toEqual(fields);
  });

  it('gives auditors the birth date only for pay and subject access, target-group data only for the banenafspraak and subject access', () => {
    const seeing = (field: PersonalField) =>
      PURPOSES.filter((p) => (dataAccessFor('auditor', p) as { fields?: ReadonlySet<PersonalField> }).fields?.has(field));
    expect(seeing('birthDate')).toEqual(['subject_access', 'payroll_audit']);
    expect(seeing('targetGroup')).toEqual(['subject_access', 'banenafspraak_audit']);
  });

  it('an employer is not asked why and sees the name only, whatever it says', () => {
    expect(fieldsOf('employer')).toEqual(['name']);
    expect(fieldsOf('employer', 'subject_access')).toEqual(['name']);
    expect(dataAccessFor('employer', 'subject_access')).not.toHaveProperty('purpose');
  });

  it.each<['operator' | 'auditor', string | undefined, RegExp]>([
    ['operator', undefined, /^purpose is required .*: say why, as one of pool_operations, subject_access/],
    ['auditor', '', /^purpose is required .* one of subject_access, payroll_audit/],
    ['auditor', 'curiosity', /^purpose must be one of .*, not "curiosity"$/],
    ['auditor', 'pool_operations', /^purpose pool_operations is not open to auditors/],
    ['operator', 'POOL_OPERATIONS', /not "POOL_OPERATIONS"/],
  ])('refuses %s with purpose %j, saying which purposes there are', (role, purpose, problem) => {
    expect(fieldsOf(role, purpose)).toMatch(problem);
  });

  it('does not offer auditors the operators’ purpose in a refusal', () => {
    expect(fieldsOf('auditor')).not.toContain('pool_operations');
  });

  it('describes every purpose, for the OpenAPI document and refusals', () => {
    for (const purpose of PURPOSES) expect(PURPOSE_RULES[purpose].description.length).toBeGreaterThan(10);
  });
});

describe('categories and purposes that cover an answer', () => {
  it('files name, birth date and location as personal, the target group as target-group', () => {
    expect(categoriesOf(['targetGroup', 'name'])).toEqual(['personal', 'target-group']);
    expect(categoriesOf(['birthDate', 'location'])).toEqual(['personal']);
    expect(categoriesOf([])).toEqual([]);
  });

  it('names the auditors’ purposes that see every field of an answer', () => {
    expect(purposesCovering(['targetGroup'])).toEqual(['subject_access', 'banenafspraak_audit']);
    expect(purposesCovering([...PERSONAL_FIELDS])).toEqual(['subject_access']);
    expect(purposesCovering([])).toEqual(PURPOSES.filter((p) => p !== 'pool_operations'));
  });
});
