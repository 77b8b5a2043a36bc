export type Role = 'operator' | 'employer' | 'auditor';

/** Who is calling: recorded on every event they cause, and the basis of what they may see. */
export interface Actor {
  role: Role;
  name: string;
  /** Set for the employer role: the only employer whose data this caller may read or change. */
  employerId?: string;
}

/** As recorded on events: `operator:anna`, `employer:planning@visschedijk`, `auditor:uwv`. */
export const actorLabel = (actor: Actor): string => `${actor.role}:${actor.name}${actor.employerId ? `@${actor.employerId}` : ''}`;

const ROLES: readonly Role[] = ['operator', 'employer', 'auditor'];
const NAME = /^[A-Za-z0-9_.@-]{1,100}$/;

export class ApiKeyConfigError extends Error {}

/**
 * API_KEYS="key=role:name[:employerId],…", e.g.
 * "k7Hq…=operator:anna,Zp2…=employer:planning:visschedijk,Qm9…=auditor:uwv".
 */
export function parseApiKeys(text: string): Map<string, Actor> {
  const keys = new Map<string, Actor>();
  for (const entry of text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [key, spec = ''] = entry.split('=', 2);
    const [role, name, employerId] = spec.split(':');
    if (!key || key.length < 8) throw new ApiKeyConfigError(`API_KEYS: a key must have at least 8 characters (entry for ${spec || '?'})`);
    if (!ROLES.includes(role as Role)) throw new ApiKeyConfigError(`API_KEYS: role must be operator, employer or auditor, not "${role}"`);
    if (!name || !NAME.test(name)) throw new ApiKeyConfigError(`API_KEYS: invalid name "${name ?? ''}" for role ${role}`);
    if ((role === 'employer') !== Boolean(employerId)) {
      throw new ApiKeyConfigError(`API_KEYS: an employer key names its employer id (key=employer:name:employerId), other roles do not`);
    }
    keys.set(key, { role: role as Role, name, ...(employerId ? { employerId } : {}) });
  }
  return keys;
}

/**
 * The embedded demo's keys, used only when API_KEYS is not set (the service warns at start):
 * demo-operator, demo-auditor, and demo-employer-<employerId> for any employer.
 */
export function demoActor(key: string): Actor | undefined {
  if (key === 'demo-operator') return { role: 'operator', name: 'demo' };
  if (key === 'demo-auditor') return { role: 'auditor', name: 'demo' };
  const employer = /^demo-employer-([A-Za-z0-9_.@-]{1,100})$/.exec(key);
  return employer ? { role: 'employer', name: 'demo', employerId: employer[1] } : undefined;
}
