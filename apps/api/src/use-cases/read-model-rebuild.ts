import type { ReadModelRebuild } from '@banenpool/application';
import { formatPosition, type EventStore, type GlobalPosition } from '@banenpool/event-store';
import { rebuildAndCompare, type ReadModelComparison } from '@banenpool/projector';
import { allProjections } from '@banenpool/read-models';
import type { DataSource } from 'typeorm';

/** The projector's rebuild-and-compare over every read model, for the comparison jobs of libs/application. */
export const readModelRebuild = (store: EventStore, dataSource: DataSource): ReadModelRebuild => ({
  compare: async (onProgress) => plain(await rebuildAndCompare({ store, dataSource, projections: allProjections, onProgress })),
});

/** Positions as "commit-prepare" and any other bigint (in sampled rows) as text: JSON has no bigint. */
export function plain(result: ReadModelComparison): unknown {
  return JSON.parse(
    JSON.stringify(result, (key, value: unknown) => {
      if (key === 'position' && value && typeof value === 'object') return formatPosition(value as GlobalPosition);
      return typeof value === 'bigint' ? value.toString() : value;
    }),
  );
}
