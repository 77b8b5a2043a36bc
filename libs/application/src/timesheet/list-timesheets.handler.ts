import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { listTimesheets, type Page, type TimesheetFilter, type TimesheetItem } from '@banenpool/read-models';
import { DataSource } from 'typeorm';

/** Timesheets from the read model, filtered (an employer's own only: the API scopes the filter). */
export class ListTimesheetsQuery extends Query<Page<TimesheetItem>> {
  constructor(readonly filter: TimesheetFilter) {
    super();
  }
}

@QueryHandler(ListTimesheetsQuery)
export class ListTimesheetsHandler implements IQueryHandler<ListTimesheetsQuery> {
  constructor(private readonly dataSource: DataSource) {}

  execute({ filter }: ListTimesheetsQuery): Promise<Page<TimesheetItem>> {
    return listTimesheets(this.dataSource, filter);
  }
}
