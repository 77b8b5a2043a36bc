import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { notFound, refuse } from '@banenpool/domain';
import {
  feedDigests,
  verifyEventChain,
  verifyFeedDigests,
  type ChainVerification,
  type DigestVerification,
  type EpochVerification,
  type FeedDigest,
} from '@banenpool/event-store';
import { HashChains } from '../shared/ports.js';

export type ChainReport = ChainVerification & { intact: boolean; digests?: DigestVerification; earlierChains?: EpochVerification };

/**
 * Walk the hash chain of one stream, or of every stream and then the sealed digests and the chains
 * as they were before a personal-data migration re-chained streams; report the first break.
 */
export class VerifyHashChainsQuery extends Query<ChainReport> {
  constructor(readonly streamId?: string) {
    super();
  }
}

@QueryHandler(VerifyHashChainsQuery)
export class VerifyHashChainsHandler implements IQueryHandler<VerifyHashChainsQuery> {
  constructor(private readonly chains: HashChains) {}

  async execute({ streamId }: VerifyHashChainsQuery): Promise<ChainReport> {
    const pool = poolOf(this.chains, 'verify');
    const result = await verifyEventChain(pool, streamId ? { streamId } : {});
    if (streamId) {
      if (result.streams === 0) notFound('stream_not_found', `There is no stream ${streamId}.`);
      return { intact: result.firstBreak === undefined, ...result };
    }
    const digests = await verifyFeedDigests(pool);
    const earlierChains = await this.chains.verifyEarlierChains();
    const intact = result.firstBreak === undefined && digests.breaks.length === 0 && earlierChains.breaks.length === 0;
    return { intact, ...result, digests, earlierChains };
  }
}

/** The sealed digests of the whole feed, oldest first. */
export class ListFeedDigestsQuery extends Query<FeedDigest[]> {}

@QueryHandler(ListFeedDigestsQuery)
export class ListFeedDigestsHandler implements IQueryHandler<ListFeedDigestsQuery> {
  constructor(private readonly chains: HashChains) {}

  execute(): Promise<FeedDigest[]> {
    return feedDigests(poolOf(this.chains, 'digests'));
  }
}

function poolOf(chains: HashChains, route: string): NonNullable<HashChains['pool']> {
  if (chains.pool) return chains.pool;
  const why = 'Events are kept in KurrentDB, whose log is append-only and carries no hash chain';
  return refuse('no_hash_chain', `${why}; ${route} applies to the PostgreSQL store.`);
}
