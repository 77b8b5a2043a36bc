import type { DataSource } from 'typeorm';
import { StreamCatalogEntry } from './stream-catalog.entity.js';

export interface StreamCatalogFilter {
  category?: string;
  limit: number;
  offset: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export async function listStreams(
  dataSource: DataSource,
  { category, limit, offset }: StreamCatalogFilter,
): Promise<Page<StreamCatalogEntry>> {
  const [items, total] = await dataSource.manager.findAndCount(StreamCatalogEntry, {
    where: category ? { category } : {},
    order: { streamId: 'ASC' },
    take: limit,
    skip: offset,
  });
  return { items, total, limit, offset };
}

export function findStream(dataSource: DataSource, streamId: string): Promise<StreamCatalogEntry | null> {
  return dataSource.manager.findOneBy(StreamCatalogEntry, { streamId });
}
