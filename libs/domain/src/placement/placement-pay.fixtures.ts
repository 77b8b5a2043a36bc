import { caoDecider, caoVersions, type ResolvedCaoVersion } from '../cao/cao.decider.js';
import type { CaoEvent, CaoVersionContent } from '../cao/cao.events.js';
import { sampleContent } from '../cao/cao.fixtures.js';
import { employerDecider, type EmployerState } from '../employer/employer.decider.js';
import type { EmployerEvent } from '../employer/employer.events.js';
import type { RuleBook } from '../rules/rule-book.js';
import { shippedRuleBook } from '../rules/shipped-rule-book.js';
import { fold } from '../shared/decider.js';
import { SPEC_NOW } from '../shared/given-when-then.js';

/** The rule tables as the service ships them: the minimum wage runs until 30 June 2026 (€14.06, €14.40, €14.71). */
export const shippedRules: RuleBook = shippedRuleBook(SPEC_NOW);

const versionsOf = (code: string, ...versions: { from: string; content: CaoVersionContent }[]): ResolvedCaoVersion[] =>
  caoVersions(
    fold(caoDecider, [
      { type: 'CaoRegistered', data: { code, name: `CAO ${code}` } },
      ...versions.map(({ from, content }): CaoEvent => ({ type: 'CaoVersionPublished', data: { code, effectiveFrom: from, content } })),
    ]),
  );

/** The cleaning CAO (illustrative figures, no youth wages): scale A from €15.20, raised on 1 March 2026. */
export const schoonmaakVersions = versionsOf(
  'schoonmaak',
  { from: '2025-01-01', content: sampleContent({ wageScales: { A: [1400, 1420], B: [1600] }, youthBp: undefined }) },
  { from: '2026-01-01', content: sampleContent({ wageScales: { A: [1520, 1560, 1600], B: [1700] }, youthBp: undefined }) },
  { from: '2026-03-01', content: sampleContent({ wageScales: { A: [1560, 1600, 1640], B: [1740] }, youthBp: undefined }) },
);

/** The park's recreation CAO (illustrative figures) with its own youth percentages (17: 50 %, 18: 60 %). */
export const recreatieVersions = versionsOf('recreatie', {
  from: '2025-01-01',
  content: sampleContent({ wageScales: { A: [1450, 1500], B: [1600, 1680] } }),
});

const visschedijkEvents: EmployerEvent[] = [
  { type: 'EmployerJoinedPool', data: { employerId: 'visschedijk', name: 'Visschedijk', memberFrom: '2024-01-01' } },
  { type: 'SiteAdded', data: { employerId: 'visschedijk', siteId: 'office', name: 'Office', area: 'Enschede' } },
  { type: 'CaoApplied', data: { employerId: 'visschedijk', caoCode: 'schoonmaak', from: '2024-01-01' } },
  {
    type: 'FunctionClassified',
    data: { employerId: 'visschedijk', functionName: 'cleaner', caoCode: 'schoonmaak', scale: 'A', from: '2024-01-01' },
  },
];

/** Visschedijk applies the cleaning CAO and classifies its cleaners in scale A. */
export const visschedijk: EmployerState = fold(employerDecider, visschedijkEvents);

/** Visschedijk, which from 1 February 2026 applies the recreation CAO, its cleaners in scale B of it. */
export const visschedijkToRecreatie: EmployerState = fold(employerDecider, [
  ...visschedijkEvents,
  { type: 'CaoApplied', data: { employerId: 'visschedijk', caoCode: 'recreatie', from: '2026-02-01' } },
  {
    type: 'FunctionClassified',
    data: { employerId: 'visschedijk', functionName: 'cleaner', caoCode: 'recreatie', scale: 'B', from: '2026-02-01' },
  },
]);
