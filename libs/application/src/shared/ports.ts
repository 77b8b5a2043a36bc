import type { GlobalPosition } from '@banenpool/event-store';

/** The event store the use cases read and append to; the app binds it to its own (useExisting). */
export const USE_CASE_EVENT_STORE = Symbol('USE_CASE_EVENT_STORE');

/** Resolves once every read model has applied the feed up to `position`, false when it gave up waiting. */
export abstract class ReadModelsCatchUp {
  abstract waitFor(position: GlobalPosition): Promise<boolean>;
}
