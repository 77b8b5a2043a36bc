import type { PersonalField } from '@banenpool/platform';

/** The keys of an answer about a worker that hold each personal field (worker views, board rows). */
export const PERSONAL_KEYS: Readonly<Record<PersonalField, readonly string[]>> = {
  name: ['name', 'workerName'],
  birthDate: ['birthDate'],
  location: ['homeArea', 'location', 'postcode', 'coordinates'],
  targetGroup: ['targetGroup', 'targetGroupHistory'],
};

/**
 * An object about one worker without the keys of the fields the caller may not see (data
 * minimisation, issue 18). Shallow on purpose: a nested `name` may be a site's or an employer's.
 * `undefined` visible: the caller's access was not decided by the policy (internal use), all is kept.
 */
export function minimised<T extends object>(about: T, visible: ReadonlySet<PersonalField> | undefined): T {
  if (visible === undefined) return about;
  const hidden = new Set(
    (Object.keys(PERSONAL_KEYS) as PersonalField[]).filter((field) => !visible.has(field)).flatMap((field) => PERSONAL_KEYS[field]),
  );
  if (hidden.size === 0) return about;
  return Object.fromEntries(Object.entries(about).filter(([key]) => !hidden.has(key))) as T;
}
