import { BadRequestException } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { employerDecider, employerStreamId } from '@banenpool/domain';
import { banenafspraakWorkerWeeks, isQuarter } from '@banenpool/read-models';
import { DataSource } from 'typeorm';
import { requireEmployerAccess, type Caller } from '../shared/request-context.js';
import { StreamStates } from '../shared/stream-states.js';
import { banenafspraakStatement, type BanenafspraakStatement } from './banenafspraak-statement.js';

/** One hirer's banenafspraak statement for one quarter ('YYYY-Qn'); an employer reads only its own (403), an unknown hirer is a 404. */
export class BanenafspraakStatementQuery extends Query<BanenafspraakStatement> {
  constructor(
    readonly employerId: string,
    readonly quarter: string,
    readonly caller: Caller,
  ) {
    super();
  }
}

/** From the banenafspraak read model (pass waitFor to see an approval just made); the hirer's name from its stream. */
@QueryHandler(BanenafspraakStatementQuery)
export class BanenafspraakStatementHandler implements IQueryHandler<BanenafspraakStatementQuery> {
  constructor(
    private readonly streams: StreamStates,
    private readonly dataSource: DataSource,
  ) {}

  async execute({ employerId, quarter, caller }: BanenafspraakStatementQuery): Promise<BanenafspraakStatement> {
    requireEmployerAccess(caller, employerId);
    if (!isQuarter(quarter)) throw new BadRequestException('quarter must be a calendar quarter as YYYY-Qn (e.g. 2027-Q1)');
    const { state } = await this.streams.existing(employerDecider, employerStreamId(employerId), `employer ${employerId}`);
    const rows = await banenafspraakWorkerWeeks(this.dataSource, employerId, quarter);
    return banenafspraakStatement({ employerId, name: state.name }, quarter, rows);
  }
}
