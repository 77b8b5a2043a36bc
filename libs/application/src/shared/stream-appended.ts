import type { IEvent } from '@nestjs/cqrs';
import type { GlobalPosition } from '@banenpool/event-store';

/**
 * In-process news that a use case appended to the store, published on the EventBus so the
 * projector can look at the feed at once instead of at its next poll. It only wakes readers up:
 * process managers follow the store's own feed (at least once), never this notice, which a crash loses.
 */
export class StreamAppended implements IEvent {
  constructor(
    readonly streamId: string,
    readonly position: GlobalPosition,
  ) {}
}
