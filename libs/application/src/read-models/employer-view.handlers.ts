import { NotFoundException } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { LocalDate } from '@banenpool/domain';
import {
  employerOverview,
  listEmployerPlacements,
  listEmployerRequests,
  type EmployerListFilter,
  type EmployerOverview,
  type EmployerPlacementItem,
  type EmployerRequestItem,
  type Page,
} from '@banenpool/read-models';
import { DataSource } from 'typeorm';

/** An employer's overview: membership, sites and closures, request and placement counts, hours per ISO week; 404 when unknown. */
export class GetEmployerOverviewQuery extends Query<EmployerOverview> {
  constructor(
    readonly employerId: string,
    readonly weeks: { fromWeek: LocalDate; toWeek: LocalDate },
  ) {
    super();
  }
}

@QueryHandler(GetEmployerOverviewQuery)
export class GetEmployerOverviewHandler implements IQueryHandler<GetEmployerOverviewQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ employerId, weeks }: GetEmployerOverviewQuery): Promise<EmployerOverview> {
    const overview = await employerOverview(this.dataSource, employerId, weeks);
    if (!overview) throw new NotFoundException(`No employer ${employerId}`);
    return overview;
  }
}

/** The employer's capacity requests with places filled and open; paginated. */
export class ListEmployerRequestsQuery extends Query<Page<EmployerRequestItem>> {
  constructor(
    readonly employerId: string,
    readonly filter: EmployerListFilter,
  ) {
    super();
  }
}

@QueryHandler(ListEmployerRequestsQuery)
export class ListEmployerRequestsHandler implements IQueryHandler<ListEmployerRequestsQuery> {
  constructor(private readonly dataSource: DataSource) {}

  execute({ employerId, filter }: ListEmployerRequestsQuery): Promise<Page<EmployerRequestItem>> {
    return listEmployerRequests(this.dataSource, employerId, filter);
  }
}

/** The employer's placements of any status, with pay and bill rate; paginated. */
export class ListEmployerPlacementsQuery extends Query<Page<EmployerPlacementItem>> {
  constructor(
    readonly employerId: string,
    readonly filter: EmployerListFilter,
  ) {
    super();
  }
}

@QueryHandler(ListEmployerPlacementsQuery)
export class ListEmployerPlacementsHandler implements IQueryHandler<ListEmployerPlacementsQuery> {
  constructor(private readonly dataSource: DataSource) {}

  execute({ employerId, filter }: ListEmployerPlacementsQuery): Promise<Page<EmployerPlacementItem>> {
    return listEmployerPlacements(this.dataSource, employerId, filter);
  }
}
