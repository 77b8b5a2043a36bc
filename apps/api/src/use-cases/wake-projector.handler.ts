import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { StreamAppended } from '@banenpool/application';
import { Projector } from '@banenpool/projector';

/** A write in this process makes the projector look at the feed now, so a waitFor right after it is short. */
@EventsHandler(StreamAppended)
export class WakeProjector implements IEventHandler<StreamAppended> {
  constructor(private readonly projector: Projector) {}

  handle(): void {
    this.projector.notify();
  }
}
