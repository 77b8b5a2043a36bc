import { assertNever, lksEvents, type LksEvent, type WageValueDecided } from '@banenpool/domain';
import type { Projection } from '@banenpool/projector';
import { In, type EntityManager } from 'typeorm';
import { readModel, typesOf, type ProjectedEvent } from '../shared/projected-events.js';
import { LksClaimRow, LksDecisionRow, LksErasedWorker } from './lks-claims.entity.js';

type LksProjectedEvent = ProjectedEvent & LksEvent;
type ClaimEvent = Exclude<LksProjectedEvent, { type: 'WageValueDecided' }>;

const isLksEvent = (event: ProjectedEvent): event is LksProjectedEvent => Object.hasOwn(lksEvents, event.type);

/**
 * Wage-cost subsidy: a row per decision and a row per claim. A decision is written once, as it is.
 * A claim's events do not commute (a payment adds to what was paid), so each claim row keeps the
 * count of its stream's events folded into it: a batch is sorted by revision and an event the row
 * has already seen is passed over, so a replay changes nothing. A correction also marks the claim it
 * corrects, which is in the same stream.
 */
export const lksClaimsProjection: Projection = readModel({
  name: 'lks-claims',
  entities: [LksDecisionRow, LksClaimRow, LksErasedWorker],
  eventTypes: [...typesOf(lksEvents), 'WorkerDataErased'],
  async apply(events, manager) {
    const lks = events.filter(isLksEvent).sort((a, b) => a.revision - b.revision);
    const decisions = await withoutErased(
      manager,
      lks.flatMap((event) => (event.type === 'WageValueDecided' ? [decisionRowOf(event.data)] : [])),
    );
    if (decisions.length > 0) await manager.upsert(LksDecisionRow, decisions, ['decisionId']);
    const claimEvents = lks.filter((event): event is ClaimEvent => event.type !== 'WageValueDecided');
    if (claimEvents.length > 0) await foldClaims(manager, claimEvents);
    await forgetDecisionsOfErased(manager, events);
  },
});

/**
 * An erased worker's wage-value decisions go (the wage value is target-group data; no reassessment is
 * due for someone who left), and so do their claims' lines, which are erased in the events too. The
 * claims keep their totals: subsidy claimed and paid is kept like payroll records.
 * After the batch's decisions, so a rebuild that meets both in one batch ends as the live model did.
 */
async function forgetDecisionsOfErased(manager: EntityManager, events: readonly ProjectedEvent[]): Promise<void> {
  const erased = events.flatMap((event) => (event.type === 'WorkerDataErased' ? [event.data.workerId] : []));
  if (erased.length === 0) return;
  await manager.upsert(
    LksErasedWorker,
    erased.map((workerId) => ({ workerId })),
    ['workerId'],
  );
  await manager.delete(LksDecisionRow, { workerId: In(erased) });
  // A claim's lines let the wage value be worked out; its totals (the subsidy claimed and paid) stay.
  await manager.query(`UPDATE rm_lks_claims SET lines = '[]'::jsonb WHERE worker_id = ANY($1::text[])`, [erased]);
}

/** The decisions but those of workers erased before this batch. */
async function withoutErased(manager: EntityManager, decisions: LksDecisionRow[]): Promise<LksDecisionRow[]> {
  if (decisions.length === 0) return decisions;
  const erased = await manager.findBy(LksErasedWorker, { workerId: In([...new Set(decisions.map((d) => d.workerId))]) });
  const ids = new Set(erased.map((row) => row.workerId));
  return decisions.filter((d) => !ids.has(d.workerId));
}

function decisionRowOf({
  decisionId,
  workerId,
  municipality,
  wageValueBp,
  from,
  to,
  reassessOn,
  by,
  reference,
}: WageValueDecided['data']): LksDecisionRow {
  return { decisionId, workerId, municipality, wageValueBp, from, to: to ?? null, reassessOn, by, reference: reference ?? null };
}

async function foldClaims(manager: EntityManager, events: readonly ClaimEvent[]): Promise<void> {
  const ids = [
    ...new Set(
      events.flatMap((event) => [
        event.data.claimId,
        ...(event.type === 'LksClaimCalculated' && event.data.corrects ? [event.data.corrects] : []),
      ]),
    ),
  ];
  const rows = new Map((await manager.findBy(LksClaimRow, { claimId: In(ids) })).map((row) => [row.claimId, row]));
  const changed = new Set<string>();
  const fold = (claimId: string, event: ClaimEvent, change: (row: LksClaimRow | undefined) => LksClaimRow | undefined) => {
    const row = rows.get(claimId);
    if (row && event.revision < row.eventCount) return;
    const next = change(row);
    if (!next) return;
    rows.set(claimId, { ...next, eventCount: event.revision + 1 });
    changed.add(claimId);
  };
  for (const event of events) {
    if (event.type === 'LksClaimCalculated' && event.data.corrects) {
      const { claimId } = event.data;
      fold(event.data.corrects, event, (row) => row && { ...row, correctedBy: claimId });
    }
    fold(event.data.claimId, event, (row) => changedRow(row, event));
  }
  if (changed.size > 0)
    await manager.upsert(
      LksClaimRow,
      [...changed].map((id) => rows.get(id)!),
      ['claimId'],
    );
}

/** One event folded into its claim's row (event count aside); a submission or payment of a claim without a row (a hand-made stream) leaves none. */
function changedRow(row: LksClaimRow | undefined, event: ClaimEvent): LksClaimRow | undefined {
  switch (event.type) {
    case 'LksClaimCalculated': {
      const {
        claimId,
        workerId,
        month,
        municipality,
        decisionId,
        payRunIds,
        lines,
        subsidyCents,
        employerChargesAllowanceCents,
        totalCents,
        corrects,
        by,
      } = event.data;
      return {
        claimId,
        workerId,
        month,
        municipality,
        decisionId,
        calculatedAt: event.revision,
        calculatedBy: by,
        payRunIds,
        lines,
        subsidyCents,
        employerChargesAllowanceCents,
        totalCents,
        corrects: corrects ?? null,
        correctedBy: row?.correctedBy ?? null,
        submittedOn: row?.submittedOn ?? null,
        payments: row?.payments ?? [],
        eventCount: 0,
      };
    }
    case 'LksClaimSubmitted':
      return row && { ...row, submittedOn: event.data.submittedOn };
    case 'LksClaimPaid': {
      const { amountCents, paidOn, by } = event.data;
      return row && { ...row, payments: [...row.payments, { amountCents, paidOn, by }] };
    }
    default:
      return assertNever(event);
  }
}
