// @banenpool/domain: the pure rules of the pool. No I/O; time and facts from other streams are passed in.
export * from './shared/decider.js';
export * from './shared/domain-error.js';
export * from './shared/guards.js';
export * from './shared/local-date.js';
export * from './shared/minimum-wage.js';
export * from './shared/money.js';
export * from './shared/stream-id.js';
export * from './shared/working-hours.js';
export * from './shared/work-pattern.js';
export {
  parseEventWith,
  schemaVersionsOf,
  type EventDefinition,
  type EventOf,
  type EventRegistry,
  type EventsOf,
  type ParsedEvent,
  type SkipReason,
} from './shared/event-schema.js';
export * from './event-schemas.js';

export * from './geography/coordinates.js';
export * from './geography/postcode.js';
export * from './geography/places.js';
export * from './geography/location.js';

export * from './cao/cao.events.js';
export * from './cao/cao.commands.js';
export * from './cao/cao.decider.js';
export * from './cao/cao-binding.js';
export * from './cao/cao-pay.js';
export * from './cao/cao-version-content.js';

export * from './employer/employer.events.js';
export * from './employer/employer.commands.js';
export * from './employer/employer.decider.js';
export * from './employer/site-facts.js';

export * from './worker/worker.events.js';
export * from './worker/worker.commands.js';
export * from './worker/worker.state.js';
export * from './worker/worker.decider.js';
export * from './worker/worker-hours.js';
export * from './worker/worker-facts.js';
export * from './worker/working-time.js';
export * from './worker/chain-rule.js';
export * from './worker/target-group.js';
export * from './worker/erasure-pay.js';

export * from './capacity/capacity.events.js';
export * from './capacity/capacity.commands.js';
export * from './capacity/capacity.decider.js';

export * from './placement/placement.events.js';
export * from './placement/placement.commands.js';
export * from './placement/placement.decider.js';
export * from './placement/placement-pay.js';
export * from './placement/paid-placement.js';
export * from './placement/hirer-limits.js';

export * from './allocation/allocation.events.js';
export * from './allocation/allocation.commands.js';
export * from './allocation/allocation.decider.js';

export * from './audit-access/audit-access.events.js';

export * from './rules/rules.events.js';
export * from './rules/rule-book.js';
export * from './rules/shipped-rule-book.js';
export * from './rate-agreement/rate-agreement.events.js';
export * from './rate-agreement/rate-in-force.js';
export * from './rate-agreement/rate-agreement.commands.js';
export * from './rate-agreement/rate-agreement.decider.js';
export * from './rate-agreement/cost-price.js';
export * from './rate-agreement/rate-warnings.js';
export * from './invoice/invoice.events.js';
export * from './invoice/invoice-lines.js';
export { lineAmountCents, invoiceTotalsOf, type LinePrice } from './invoice/invoice-pricing.js';
export * from './invoice/invoice.commands.js';
export * from './invoice/invoice.decider.js';
export * from './invoice/invoice-ledger.decider.js';
export * from './lks/lks.events.js';
export * from './lks/lks.commands.js';
export * from './lks/lks.decider.js';
export * from './lks/lks-claim.js';
export * from './lks/paid-hours.js';
export * from './lks/wage-value-decisions.js';
export * from './rules/rules.commands.js';
export * from './rules/rules.decider.js';
export * from './rules/rule-tables.seed.js';

export * from './timesheet/timesheet.events.js';
export * from './timesheet/timesheet.commands.js';
export * from './timesheet/registered-time.js';
export { minutesOfLine } from './timesheet/timesheet-lines.js';
export * from './timesheet/iso-week.js';
export * from './timesheet/timesheet.decider.js';

export * from './payroll/pay-run.events.js';
export * from './payroll/worker-pay.js';
export * from './payroll/pay-period.js';
export * from './payroll/pay-components.js';
export * from './payroll/pay-run.commands.js';
export * from './payroll/pay-run.decider.js';
export * from './privacy/personal-data.js';
