import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  caoDecider,
  caoStreamId,
  caoVersionOn,
  caoVersions,
  type LocalDate,
  type RegisteredCao,
  type ResolvedCaoVersion,
} from '@banenpool/domain';
import { StreamStates } from '../shared/stream-states.js';

export type CaoAnswer = RegisteredCao & {
  current: ResolvedCaoVersion[];
  on?: LocalDate;
  applies?: ResolvedCaoVersion | null;
  version: number;
};

/** A CAO with every version and revision; `on` also resolves the version applying that day. */
export class GetCaoQuery extends Query<CaoAnswer> {
  constructor(
    readonly caoCode: string,
    readonly on: LocalDate | undefined,
  ) {
    super();
  }
}

@QueryHandler(GetCaoQuery)
export class GetCaoHandler implements IQueryHandler<GetCaoQuery> {
  constructor(private readonly streams: StreamStates) {}

  async execute({ caoCode, on }: GetCaoQuery): Promise<CaoAnswer> {
    const { state, version } = await this.streams.existing(caoDecider, caoStreamId(caoCode), `CAO ${caoCode}`);
    return { ...state, current: caoVersions(state), ...(on ? { on, applies: caoVersionOn(state, on) ?? null } : {}), version };
  }
}
