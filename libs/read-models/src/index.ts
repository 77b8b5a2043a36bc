import type { Projection } from '@banenpool/projector';
import { streamCatalogProjection } from './stream-catalog/stream-catalog.projection.js';

export * from './stream-catalog/stream-catalog.entity.js';
export * from './stream-catalog/stream-catalog.projection.js';
export * from './stream-catalog/stream-catalog.query.js';

/** Every read model the projector maintains. */
export const allProjections: readonly Projection[] = [streamCatalogProjection];
