import type { ExpectedVersion } from './event-store.port.js';

/** Another writer got there first: the caller should re-read and decide again (HTTP 409). */
export class WrongExpectedVersionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    /** Revision of the stream's last event, or undefined when the stream does not exist. */
    readonly actual: number | undefined,
  ) {
    super(
      `Stream ${streamId}: expected version ${String(expected)}, but it is at ` +
        (actual === undefined ? 'no stream' : `revision ${actual}`),
    );
    this.name = 'WrongExpectedVersionError';
  }
}

/** The store did not answer (down, unreachable, or slower than our own deadline). */
export class EventStoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EventStoreUnavailableError';
  }
}

/** The caller asked for something the store cannot hold (bad stream id, empty append, ...). */
export class InvalidAppendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAppendError';
  }
}
