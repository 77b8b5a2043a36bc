import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  allocationDecider,
  allocationStreamId,
  type AllocationProposal,
  type CompletedAllocationRun,
  type ProposalDecision,
} from '@banenpool/domain';
import { StreamStates } from '../shared/stream-states.js';

type OpenOrDecided = ProposalDecision | { outcome: 'open' };

export type AllocationRunAnswer = Omit<CompletedAllocationRun, 'status' | 'decisions' | 'proposals'> & {
  version: number;
  proposals: { items: (AllocationProposal & { decision: OpenOrDecided })[]; total: number; limit: number; offset: number };
};

/** A run with its proposals (a page of them) and what became of each. */
export class GetAllocationRunQuery extends Query<AllocationRunAnswer> {
  constructor(
    readonly runId: string,
    readonly page: { limit: number; offset: number },
  ) {
    super();
  }
}

@QueryHandler(GetAllocationRunQuery)
export class GetAllocationRunHandler implements IQueryHandler<GetAllocationRunQuery> {
  constructor(private readonly streams: StreamStates) {}

  async execute({ runId, page: { limit, offset } }: GetAllocationRunQuery): Promise<AllocationRunAnswer> {
    const { state, version } = await this.streams.existing(allocationDecider, allocationStreamId(runId), `allocation run ${runId}`);
    const { status: _status, decisions, proposals, ...rest } = state;
    const items = proposals
      .slice(offset, offset + limit)
      .map((p) => ({ ...p, decision: decisions[p.proposalId] ?? { outcome: 'open' as const } }));
    return { ...rest, version, proposals: { items, total: proposals.length, limit, offset } };
  }
}
