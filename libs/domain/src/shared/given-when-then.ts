import assert from 'node:assert/strict';
import { eventSchemaVersions, parsePoolEvent } from '../event-schemas.js';
import { fold, type Decider } from './decider.js';
import { DomainError } from './domain-error.js';

// Spec helper. It uses node:assert rather than jest's `expect` so that the build, which compiles
// everything but the specs, compiles it too; it is not exported from the package.

/** The instant the specs decide at unless they pass another: Thursday 15 January 2026, 11:00 in Amsterdam. */
export const SPEC_NOW = new Date('2026-01-15T10:00:00Z');

/** `given(decider, history).when(command).then(events)`, or `.thenRefused(code)`. */
export function given<C, E, S>(decider: Decider<C, E, S>, history: readonly E[], now: Date = SPEC_NOW) {
  return {
    when(command: C) {
      const decide = () => decider.decide(command, fold(decider, history), now);
      return {
        /** Compares the events as the store keeps them (JSON), so an absent and an undefined field are the same. */
        then(expected: readonly E[]): void {
          const decided = decide();
          assert.deepEqual(asStored(decided), asStored(expected));
          decided.forEach(requireOwnSchema);
        },
        /** Asserts the refusal's code, its kind (default 'rule') and, when given, words of its message. */
        thenRefused(code: string, expected: { kind?: DomainError['kind']; message?: string | RegExp } = {}): void {
          const { kind = 'rule', message } = expected;
          const error = refusalOf(decide);
          assert.deepEqual({ code: error.code, kind: error.kind }, { code, kind }, `Refused for another reason: ${error.message}`);
          if (typeof message === 'string') assert.ok(error.message.includes(message), `"${error.message}" does not mention "${message}"`);
          if (message instanceof RegExp) assert.match(error.message, message);
        },
      };
    },
  };
}

const asStored = (events: readonly unknown[]): unknown => JSON.parse(JSON.stringify(events));

/** Every event a decider writes must pass its type's schema as stored, or the read models would skip it. */
function requireOwnSchema(event: unknown): void {
  const [{ type, data }] = asStored([event]) as [{ type: string; data: unknown }];
  const parsed = parsePoolEvent(type, eventSchemaVersions[type] ?? 1, data);
  assert.ok(parsed.ok, `The decided ${type} fails its schema: ${parsed.ok ? '' : parsed.detail}`);
}

function refusalOf(decide: () => unknown): DomainError {
  try {
    decide();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  assert.fail('Expected the command to be refused, but it was accepted');
}
