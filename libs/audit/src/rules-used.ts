import { assertNever } from '@banenpool/domain';
import type { RecordedEvent } from '@banenpool/event-store';

/** A rule set an event was decided under, named so an auditor can look up the exact figures. */
export type RuleReference =
  | { readonly rule: 'cao'; readonly code: string; readonly version: string; readonly revision?: number; readonly scale?: string; readonly step?: number }
  | { readonly rule: 'minimum_wage_table'; readonly version: string; readonly age: number }
  | { readonly rule: 'chain_rule'; readonly position: number; readonly chainStartedOn: string; readonly breakingGapMonths: number };

type Data = Record<string, unknown>;
type Extractor = (data: Data) => RuleReference[];

// Only events that record which rules they used; every other event used none.
const EXTRACTORS: Readonly<Record<string, Extractor>> = {
  PlacementConfirmed: (data) => {
    const pay = data.pay as { cao: Data; minimumWage: Data };
    const { code, versionFrom, revision, scale, step } = pay.cao as { code: string; versionFrom: string; revision: number; scale: string; step: number };
    const { tableVersion, age } = pay.minimumWage as { tableVersion: string; age: number };
    return [
      { rule: 'cao', code, version: versionFrom, revision, scale, step },
      { rule: 'minimum_wage_table', version: tableVersion, age },
    ];
  },
  CaoVersionPublished: (data) => [{ rule: 'cao', code: String(data.code), version: String(data.effectiveFrom), revision: 0 }],
  CaoVersionCorrected: (data) => [{ rule: 'cao', code: String(data.code), version: String(data.effectiveFrom), revision: Number(data.revision) }],
  PoolContractAgreed: (data) => {
    const chain = data.chain as { position: number; chainStartedOn: string; breakingGapMonths: number } | undefined;
    return chain ? [{ rule: 'chain_rule', ...chain }] : [];
  },
};

export function rulesUsed(event: Pick<RecordedEvent, 'type' | 'data'>): RuleReference[] {
  const extract = Object.hasOwn(EXTRACTORS, event.type) ? EXTRACTORS[event.type] : undefined;
  return extract ? extract(event.data as Data) : [];
}

/** One line for a CSV cell or a sentence: "CAO horeca version 2026-01-01 revision 1, scale A step 0". */
export function describeRule(reference: RuleReference): string {
  switch (reference.rule) {
    case 'cao': {
      const revision = reference.revision === undefined ? '' : ` revision ${reference.revision}`;
      const scale = reference.scale === undefined ? '' : `, scale ${reference.scale}${reference.step === undefined ? '' : ` step ${reference.step}`}`;
      return `CAO ${reference.code} version ${reference.version}${revision}${scale}`;
    }
    case 'minimum_wage_table':
      return `minimum-wage table ${reference.version} (age ${reference.age})`;
    case 'chain_rule':
      return `chain rule: contract ${reference.position} of a chain started ${reference.chainStartedOn} (a gap over ${reference.breakingGapMonths} months breaks it)`;
    default:
      return assertNever(reference);
  }
}
