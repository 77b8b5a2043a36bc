import {
  assertNever,
  parsePoolEvent,
  type DayWage,
  type PayLine,
  type PayLinesCalculated,
  type PoolEvent,
  type RuleRef,
  type RuleTable,
} from '@banenpool/domain';
import type { RecordedEvent } from '@banenpool/event-store';

/** A rule set an event was decided under, named so an auditor can look up the exact figures. */
export type RuleReference =
  | {
      readonly rule: 'cao';
      readonly code: string;
      readonly version: string;
      readonly revision?: number;
      readonly scale?: string;
      readonly step?: number;
    }
  /** A row of the minimum-wage table: its period's first day and, where known, its revision and the age it was read for. */
  | { readonly rule: 'minimum_wage_table'; readonly version: string; readonly revision?: number; readonly age?: number }
  /** A row of another rule table (holiday allowance, sick pay and leave): its period's first day and revision. */
  | { readonly rule: 'rule_table'; readonly table: Exclude<RuleTable, 'minimum-wage'>; readonly version: string; readonly revision: number }
  | { readonly rule: 'chain_rule'; readonly position: number; readonly chainStartedOn: string; readonly breakingGapMonths: number };

/** The rules a stored event was decided under, read from its data as its type's schema reads it; unreadable data names none. */
export function rulesUsed(event: Pick<RecordedEvent, 'type' | 'schemaVersion' | 'data'>): RuleReference[] {
  const parsed = parsePoolEvent(event.type, event.schemaVersion, event.data);
  return parsed.ok ? rulesOf(parsed.event) : [];
}

// Only events that record which rules they used; every other event used none.
function rulesOf(event: PoolEvent): RuleReference[] {
  switch (event.type) {
    case 'PlacementConfirmed': {
      // The first day's: the wage of each later day follows the rules in force that day (GET /placements/:id/wage).
      const { firstDayPay } = event.data;
      const cao = firstDayPay.known ? firstDayPay.wage.cao : firstDayPay.cao;
      const caoRule: RuleReference = {
        rule: 'cao',
        code: cao.code,
        version: cao.effectiveFrom,
        revision: cao.revision,
        scale: cao.scale,
        step: cao.step,
      };
      if (!firstDayPay.known) return [caoRule];
      const { age, minimumWage } = firstDayPay.wage;
      return [caoRule, { rule: 'minimum_wage_table', version: minimumWage.rule.effectiveFrom, revision: minimumWage.rule.revision, age }];
    }
    case 'MinimumWagePublished':
      return [{ rule: 'minimum_wage_table', version: event.data.effectiveFrom }];
    case 'CaoVersionPublished':
      return [{ rule: 'cao', code: event.data.code, version: event.data.effectiveFrom, revision: 0 }];
    case 'CaoVersionCorrected':
      return [{ rule: 'cao', code: event.data.code, version: event.data.effectiveFrom, revision: event.data.revision }];
    case 'PoolContractAgreed': {
      const { chain } = event.data;
      if (!chain) return [];
      return [
        { rule: 'chain_rule', position: chain.position, chainStartedOn: chain.chainStartedOn, breakingGapMonths: chain.breakingGapMonths },
      ];
    }
    case 'PayLinesCalculated':
      return distinct(payRules(event.data));
    case 'InvoiceIssued':
    case 'CreditNoteIssued':
      return [ruleRow(event.data.vat.rule)];
    default:
      return [];
  }
}

/** Every wage row and rule row a worker's pay lines, top-ups and difference lines name, once each, in the order named. */
function payRules({ lines, topUps, differences }: PayLinesCalculated['data']): RuleReference[] {
  const ofLine = (line: PayLine) => [...wageRules(line.wage), ...line.rules.map(ruleRow)];
  return [
    ...lines.flatMap(ofLine),
    ...topUps.flatMap((topUp) => [topUp.minimumWage, ...topUp.rules].map(ruleRow)),
    ...differences.flatMap((difference) => difference.dueLines.flatMap(ofLine)),
  ];
}

function wageRules({ cao, minimumWage, age }: DayWage): RuleReference[] {
  return [
    { rule: 'cao', code: cao.code, version: cao.effectiveFrom, revision: cao.revision, scale: cao.scale, step: cao.step },
    { rule: 'minimum_wage_table', version: minimumWage.rule.effectiveFrom, revision: minimumWage.rule.revision, age },
  ];
}

const ruleRow = ({ table, effectiveFrom, revision }: RuleRef): RuleReference =>
  table === 'minimum-wage'
    ? { rule: 'minimum_wage_table', version: effectiveFrom, revision }
    : { rule: 'rule_table', table, version: effectiveFrom, revision };

const distinct = (references: readonly RuleReference[]): RuleReference[] => [
  ...new Map(references.map((reference) => [JSON.stringify(reference), reference])).values(),
];

/** One line for a CSV cell or a sentence: "CAO horeca version 2026-01-01 revision 1, scale A step 0". */
export function describeRule(reference: RuleReference): string {
  switch (reference.rule) {
    case 'cao': {
      const revision = reference.revision === undefined ? '' : ` revision ${reference.revision}`;
      const scale =
        reference.scale === undefined ? '' : `, scale ${reference.scale}${reference.step === undefined ? '' : ` step ${reference.step}`}`;
      return `CAO ${reference.code} version ${reference.version}${revision}${scale}`;
    }
    case 'minimum_wage_table': {
      const revision = reference.revision === undefined ? '' : ` revision ${reference.revision}`;
      const age = reference.age === undefined ? '' : ` (age ${reference.age})`;
      return `minimum-wage table ${reference.version}${revision}${age}`;
    }
    case 'rule_table':
      return `${reference.table} table ${reference.version} revision ${reference.revision}`;
    case 'chain_rule':
      return `chain rule: contract ${reference.position} of a chain started ${reference.chainStartedOn} (a gap over ${reference.breakingGapMonths} months breaks it)`;
    default:
      return assertNever(reference);
  }
}
