import { NotFoundException } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { findStream, listStreams, type Page, type StreamCatalogEntry, type StreamCatalogFilter } from '@banenpool/read-models';
import { DataSource } from 'typeorm';

/** The stream catalog: which workers, placements, CAOs... exist, with their event counts; paginated. */
export class ListStreamCatalogQuery extends Query<Page<StreamCatalogEntry>> {
  constructor(readonly filter: StreamCatalogFilter) {
    super();
  }
}

@QueryHandler(ListStreamCatalogQuery)
export class ListStreamCatalogHandler implements IQueryHandler<ListStreamCatalogQuery> {
  constructor(private readonly dataSource: DataSource) {}

  execute({ filter }: ListStreamCatalogQuery): Promise<Page<StreamCatalogEntry>> {
    return listStreams(this.dataSource, filter);
  }
}

/** One stream's catalog entry; 404 when the catalog does not know it. */
export class GetStreamCatalogEntryQuery extends Query<StreamCatalogEntry> {
  constructor(readonly streamId: string) {
    super();
  }
}

@QueryHandler(GetStreamCatalogEntryQuery)
export class GetStreamCatalogEntryHandler implements IQueryHandler<GetStreamCatalogEntryQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ streamId }: GetStreamCatalogEntryQuery): Promise<StreamCatalogEntry> {
    const entry = await findStream(this.dataSource, streamId);
    if (!entry) throw new NotFoundException(`No stream ${streamId}`);
    return entry;
  }
}
