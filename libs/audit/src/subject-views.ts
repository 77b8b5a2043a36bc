import { formatPeriod, type PlacementPay, type WorkerState } from '@banenpool/domain';
import { contractState, type PlacementStates } from './as-of.js';
import { euros, percent } from './money-text.js';
import { wageOnDate } from './placement-wage.js';

/** A subject's facts as labelled sentences' parts: what a diff compares and names. Absent = not (yet) known. */
export type SubjectView = Readonly<Record<string, string>>;

/**
 * A placement as its terms and its wage: the wage its scale and step get on its first day under
 * the CAO and minimum wage as recorded by then, so a later CAO correction shows as a wage change.
 */
export function placementView({ placement, cao, worker }: PlacementStates): SubjectView {
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
  if ('pay' in placement && placement.pay)
    view['Hourly wage recorded at confirmation'] = `${euros(placement.pay.hourlyCents)} (${payRules(placement.pay)})`;
  const wage = wageOnDate(placement, cao, worker, placement.period.from);
  if (wage && 'pay' in wage) Object.assign(view, wageFields(wage.pay));
  if (wage && 'unavailable' in wage) view['Hourly wage'] = `none: ${wage.unavailable}`;
  return view;
}

function wageFields(pay: PlacementPay): Record<string, string> {
  return {
    'Hourly wage': euros(pay.hourlyCents),
    'Wage basis': pay.wageBasis === 'cao' ? 'the CAO scale' : 'the statutory minimum wage (the CAO scale is lower)',
    'CAO wage': `${euros(pay.cao.hourlyCents)} (CAO ${pay.cao.code} version ${pay.cao.versionFrom} revision ${pay.cao.revision}, scale ${pay.cao.scale} step ${pay.cao.step}, youth ${percent(pay.cao.youthBp)})`,
    'Minimum wage': `${euros(pay.minimumWage.hourlyCents)} (table ${pay.minimumWage.tableVersion}, age ${pay.minimumWage.age})`,
  };
}

const payRules = (pay: PlacementPay) =>
  `CAO ${pay.cao.code} version ${pay.cao.versionFrom} revision ${pay.cao.revision}, minimum-wage table ${pay.minimumWage.tableVersion}`;

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
