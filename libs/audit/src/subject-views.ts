import { formatPeriod, type DayWage, type FirstDayPay, type WorkerState } from '@banenpool/domain';
import { contractState } from './as-of.js';
import { euros, percent } from './money-text.js';
import { recordedConfirmation, wageOnDate, type PlacementStates } from './placement-wage.js';

/** A subject's facts as labelled sentences' parts: what a diff compares and names. Absent = not (yet) known. */
export type SubjectView = Readonly<Record<string, string>>;

/**
 * A placement as its terms and its wage: the wage its scale and step get on its first day under
 * the rules (hirer, CAO, minimum wage) as recorded by then, so a later CAO correction or a
 * minimum wage published later shows as a wage change.
 */
export function placementView(states: PlacementStates): SubjectView {
  const { placement } = states;
  if (placement.status === 'none') return {};
  const view: Record<string, string> = {
    Status: placement.status,
    Period: formatPeriod(placement.period),
    'Hours a week': `${placement.hoursPerWeek}`,
    Function: placement.functionName,
    Site: placement.siteId,
    'Legal form': placement.legalForm,
  };
  if (placement.billRateCents !== undefined) view['Bill rate'] = euros(placement.billRateCents);
  if (placement.status === 'ended') view['Last day'] = placement.lastDay;
  const confirmation = recordedConfirmation(placement);
  if (confirmation) {
    const { agreed, hirerTerms, firstDayPay } = confirmation;
    view['Agreed scale and step'] = `scale ${agreed.scale} step ${agreed.step} of CAO ${agreed.caoCode}`;
    view["Hirer's pay terms"] = `${hirerTerms.applies ? 'apply' : 'do not apply'} (${hirerTerms.basis})`;
    view['First day’s pay recorded at confirmation'] = recordedFirstDay(firstDayPay);
  }
  const wage = wageOnDate(states, placement.period.from);
  if (wage && 'wage' in wage) Object.assign(view, wageFields(wage.wage));
  if (wage && 'unavailable' in wage) view['Hourly wage'] = `none: ${wage.unavailable}`;
  return view;
}

function wageFields(wage: DayWage): Record<string, string> {
  return {
    'Hourly wage': euros(wage.hourlyCents),
    'Wage basis': wage.basis === 'cao' ? 'the CAO scale' : 'the statutory minimum wage (the CAO scale is lower)',
    'CAO wage': `${euros(wage.cao.hourlyCents)} (${caoText(wage.cao)}, youth ${percent(wage.cao.youthBp)})`,
    'Minimum wage': `${euros(wage.minimumWage.hourlyCents)} (${minimumWageText(wage)}, age ${wage.age})`,
  };
}

function recordedFirstDay(pay: FirstDayPay): string {
  if (!pay.known) return `not yet known (${pay.reason})`;
  return `${euros(pay.wage.hourlyCents)} (${caoText(pay.wage.cao)}, ${minimumWageText(pay.wage)})`;
}

const caoText = (cao: DayWage['cao']) =>
  `CAO ${cao.code} version ${cao.effectiveFrom} revision ${cao.revision}, scale ${cao.scale} step ${cao.step}`;

const minimumWageText = ({ minimumWage: { rule } }: DayWage) => `minimum-wage table ${rule.effectiveFrom} revision ${rule.revision}`;

/** A pool contract as its terms and the hours committed under it, one line per placement. */
export function contractView(worker: WorkerState, contractId: string): SubjectView {
  const contract = contractState(worker, contractId);
  if (contract.status === 'none') return {};
  const { terms } = contract;
  const view: Record<string, string> = {
    Status: contract.status,
    Kind: terms.kind === 'fixed_term' ? 'fixed term' : 'indefinite',
    Period: formatPeriod({ from: terms.from, to: terms.kind === 'fixed_term' ? terms.to : undefined }),
    'Guaranteed hours a week': `${terms.guaranteedHoursPerWeek}`,
    'Maximum hours a week': `${terms.maxHoursPerWeek}`,
  };
  if (contract.lastDay !== undefined) view['Last day'] = contract.lastDay;
  for (const c of contract.commitments)
    view[`Hours committed for placement ${c.placementId}`] = `${c.hoursPerWeek} a week, ${formatPeriod(c.period)}`;
  return view;
}
