import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  employerDecider,
  employerStreamId,
  rateWarnings,
  scopeCovers,
  type RateAgreementRecord,
  type RateWarning,
  type RuleBook,
} from '@banenpool/domain';
import { listStreams } from '@banenpool/read-models';
import { DataSource } from 'typeorm';
import { mapBounded } from '../payroll/collections.js';
import { RuleBookReader } from '../rules/rule-book-reader.js';
import { requireEmployerAccess, type Caller } from '../shared/request-context.js';
import { StreamStates } from '../shared/stream-states.js';
import { RateAgreementsReader } from './rate-agreements-reader.js';
import { RateCostFactsReader, ratedAs } from './rate-cost-facts.js';

const HIRERS_IN_FLIGHT = 4;
const CATALOG_PAGE = 500;

/** An agreement as an employer sees it: without the pool's own cost price it was checked against. */
export type RateAgreementItem = RateAgreementRecord | Omit<RateAgreementRecord, 'check'>;

export interface RateAgreementList {
  employerId: string;
  /** The If-Match of the next command on the agreements; absent before the first. */
  version?: number;
  agreements: RateAgreementItem[];
}

/** A hirer's rate agreements, ended ones included; 404 for an unknown hirer, 403 for another employer's key. */
export class ListRateAgreementsQuery extends Query<RateAgreementList> {
  constructor(
    readonly employerId: string,
    readonly caller: Caller,
  ) {
    super();
  }
}

@QueryHandler(ListRateAgreementsQuery)
export class ListRateAgreementsHandler implements IQueryHandler<ListRateAgreementsQuery> {
  constructor(
    private readonly streams: StreamStates,
    private readonly reader: RateAgreementsReader,
  ) {}

  async execute({ employerId, caller }: ListRateAgreementsQuery): Promise<RateAgreementList> {
    requireEmployerAccess(caller, employerId);
    await this.streams.existing(employerDecider, employerStreamId(employerId), `employer ${employerId}`);
    const { agreements, version } = await this.reader.records(employerId);
    const shown = caller.employerId === undefined ? agreements : agreements.map(({ check: _check, ...agreement }) => agreement);
    return { employerId, ...(version >= 0 && { version }), agreements: shown };
  }
}

export type HirerRateWarning = RateWarning & { employerId: string };

/** The fixed rates a wage rise has put below the cost of an hour, of every hirer or of one. */
export class RateWarningsQuery extends Query<{ items: HirerRateWarning[] }> {
  constructor(readonly employerId?: string) {
    super();
  }
}

/** Reads every hirer with agreements from the stream catalog, and only the placements a fixed rate covers. */
@QueryHandler(RateWarningsQuery)
export class RateWarningsHandler implements IQueryHandler<RateWarningsQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reader: RateAgreementsReader,
    private readonly facts: RateCostFactsReader,
    private readonly rules: RuleBookReader,
  ) {}

  async execute({ employerId }: RateWarningsQuery): Promise<{ items: HirerRateWarning[] }> {
    await this.facts.caughtUp();
    const [employerIds, rules] = await Promise.all([employerId === undefined ? this.hirersWithRates() : [employerId], this.rules.read()]);
    const perHirer = await mapBounded(employerIds, HIRERS_IN_FLIGHT, (id) => this.warningsOf(id, rules));
    return { items: perHirer.flat() };
  }

  private async warningsOf(employerId: string, rules: RuleBook): Promise<HirerRateWarning[]> {
    const agreements = await this.reader.of(employerId);
    const fixed = agreements.filter((agreement) => agreement.rate.kind === 'fixed');
    if (fixed.length === 0) return [];
    const { hirer, caoVersions } = await this.facts.hirer(employerId);
    const placements = await this.facts.paidPlacements(hirer, (item) => fixed.some((a) => scopeCovers(a.scope, ratedAs(item))));
    return rateWarnings({ agreements, placements, caoVersions, rules }).map((warning) => ({ employerId, ...warning }));
  }

  /** The hirers with a rates stream: `rates-<employerId>`, filed in the catalog under 'rates'. */
  private async hirersWithRates(): Promise<string[]> {
    const ids: string[] = [];
    for (let offset = 0; ; offset += CATALOG_PAGE) {
      const page = await listStreams(this.dataSource, { category: 'rates', limit: CATALOG_PAGE, offset });
      ids.push(...page.items.map((entry) => entry.streamId.slice('rates-'.length)));
      if (offset + CATALOG_PAGE >= page.total) return ids;
    }
  }
}
