import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { AllocationScope } from '@banenpool/domain';
import type { EventStore } from '@banenpool/event-store';
import { DataSource } from 'typeorm';
import { AllocationSnapshotUnavailableError, readAllocationSnapshot, type AllocationSnapshot } from '../allocation-facts.js';
import { ReadModelsCatchUp, USE_CASE_EVENT_STORE } from '../shared/ports.js';

/** The pool as the allocation engine sees it: the read models and the streams at one feed position. */
@Injectable()
export class AllocationSnapshots {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(USE_CASE_EVENT_STORE) private readonly store: EventStore,
    private readonly readModels: ReadModelsCatchUp,
  ) {}

  async read(scope: AllocationScope): Promise<AllocationSnapshot> {
    try {
      return await readAllocationSnapshot(
        { dataSource: this.dataSource, store: this.store, waitForReadModels: (position) => this.readModels.waitFor(position) },
        scope,
      );
    } catch (error) {
      if (error instanceof AllocationSnapshotUnavailableError) throw new ServiceUnavailableException(error.message);
      throw error;
    }
  }
}
