#!/usr/bin/env node
// `npm run demo`: loads the Twente winter scenario into a running Banenpool through its public HTTP API,
// then pays the winter (payroll.mjs): rate agreements, hours, the hirers' approval, pay runs, their
// invoices (invoicing.mjs), a retroactive CAO correction with its credit note, and a wage-cost subsidy
// claim (lks.mjs). It ends with the invoices and the claim printed.
//
//   BANENPOOL_URL      the service (default http://127.0.0.1:3000; start it with `npm start`)
//   BANENPOOL_API_KEY  an operator key (default demo-operator, the embedded demo's key)
//
// Employers make their own capacity requests, sites and closures with their demo keys
// (demo-employer-<employerId>); when the service runs with its own API_KEYS those do not exist and
// the demo acts as the operator instead.
//
// Running it twice appends nothing the second time: every id is stable, every POST carries an
// Idempotency-Key (demo-<resource>-<id>-<action>), and an answer saying the thing exists already is
// reported as "already there". The stream catalog is counted before and after to show it.
//
// The CAO figures are illustrative, not taken from a published CAO (see scenario.mjs).

import { BanenpoolApi, NotRunningError, UnexpectedAnswerError } from './api.mjs';
import { formatCents, formatFirstDayPay, slug } from './format.mjs';
import { printInvoices } from './invoicing.mjs';
import { printLksClaim } from './lks.mjs';
import { payroll } from './payroll.mjs';
import { capacityRequests, caos, employers, ILLUSTRATIVE_NOTICE, MEMBER_FROM, moves, placements, workers } from './scenario.mjs';

const baseUrl = process.env.BANENPOOL_URL || 'http://127.0.0.1:3000';
const api = new BanenpoolApi(baseUrl, process.env.BANENPOOL_API_KEY || 'demo-operator');

/** Per kind of thing: how many were new this run, already there, refused. */
const tally = {};
const count = (kind, outcome) => {
  tally[kind] ??= { done: 0, already: 0, refused: 0 };
  tally[kind][outcome]++;
};

/** Sends one command and prints one line about it. */
async function step(kind, label, path, body, options) {
  const answer = await api.command(path, body, options);
  count(kind, answer.outcome);
  if (answer.outcome === 'done') {
    console.log(`  + ${label} [${answer.result.events.join(', ')}]`);
  } else if (answer.outcome === 'already') {
    console.log(`  = ${label}: already there, skipped (${answer.why})`);
  } else {
    console.log(`  ! ${label}: refused (${answer.problem.status} ${answer.problem.code}): ${answer.problem.detail}`);
  }
  return answer;
}

async function main() {
  await checkService();
  console.log(`Banenpool demo: the Twente winter scenario, at ${api.baseUrl}`);
  console.log(`Note: ${ILLUSTRATIVE_NOTICE}`);

  const before = await api.catalogTotals();
  console.log(`Stream catalog before: ${before.streams} streams, ${before.events} events\n`);

  console.log('CAOs');
  for (const cao of caos) {
    await step(
      'CAOs',
      `CAO ${cao.code} registered (${cao.name})`,
      '/caos',
      { code: cao.code, name: cao.name },
      {
        idempotencyKey: `demo-cao-${cao.code}-register`,
        already: ['cao_already_registered'],
      },
    );
    const { effectiveFrom, content } = cao.version;
    const scales = Object.entries(content.wageScales)
      .map(([scale, steps]) => `${scale} ${steps.map(formatCents).join('/')}`)
      .join(', ');
    await step(
      'CAO versions',
      `CAO ${cao.code} version from ${effectiveFrom}: ${scales}; seasonal clause ${content.seasonalClause}; illustrative`,
      `/caos/${cao.code}/versions`,
      cao.version,
      {
        idempotencyKey: `demo-cao-${cao.code}-version-${effectiveFrom}`,
        already: ['cao_versions_overlap'],
      },
    );
    if (cao.binding) {
      await step(
        'CAO bindings',
        `CAO ${cao.code} binds the pool from ${cao.binding.from} (${cao.binding.basis})`,
        `/caos/${cao.code}/binding`,
        cao.binding,
        { idempotencyKey: `demo-cao-${cao.code}-binding-${cao.binding.from}`, already: ['cao_bindings_overlap'] },
      );
    }
  }

  console.log('\nEmployers');
  for (const employer of employers) {
    const id = employer.employerId;
    await step(
      'employers',
      `${employer.name} joins the pool from ${MEMBER_FROM}`,
      '/employers',
      { employerId: id, name: employer.name, memberFrom: MEMBER_FROM },
      {
        idempotencyKey: `demo-employer-${id}-join`,
        already: ['employer_already_joined'],
      },
    );
    await step(
      'CAO applications',
      `${id} applies CAO ${employer.caoCode} from ${MEMBER_FROM}`,
      `/employers/${id}/cao-applications`,
      { caoCode: employer.caoCode, from: MEMBER_FROM },
      {
        idempotencyKey: `demo-employer-${id}-apply-cao-${employer.caoCode}-${MEMBER_FROM}`,
        already: ['cao_application_out_of_order'],
      },
    );
    for (const site of employer.sites) {
      await step('sites', `${id} adds site ${site.siteId} (${site.name}), by the employer itself`, `/employers/${id}/sites`, site, {
        idempotencyKey: `demo-employer-${id}-site-${site.siteId}`,
        already: ['site_already_exists'],
        employerId: id,
      });
    }
    for (const { functionName, scale } of employer.functions) {
      await step(
        'classifications',
        `${id} classifies "${functionName}" in scale ${scale} of ${employer.caoCode}`,
        `/employers/${id}/function-classifications`,
        { functionName, scale, from: MEMBER_FROM },
        {
          idempotencyKey: `demo-employer-${id}-classify-${slug(functionName)}-${MEMBER_FROM}`,
          already: ['classification_out_of_order'],
        },
      );
    }
    for (const closure of employer.closures) {
      await step(
        'closures',
        `${id} closes site ${closure.siteId} ${closure.period.from}..${closure.period.to} (${closure.reason}), by the employer itself`,
        `/employers/${id}/closures`,
        closure,
        {
          idempotencyKey: `demo-employer-${id}-closure-${closure.siteId}-${closure.period.from}`,
          already: ['closures_overlap'],
          employerId: id,
        },
      );
    }
  }

  console.log('\nSeasonal capacity requests (each made by the employer with its own key)');
  for (const request of capacityRequests) {
    const { requestId, employerId, siteId, functionName, period, hoursPerWeek, headcount } = request;
    await step(
      'capacity requests',
      `${employerId} requests ${headcount} × ${functionName}, ${hoursPerWeek} h/week at ${siteId}, ${period.from}..${period.to} (${requestId})`,
      '/capacity-requests',
      request,
      {
        idempotencyKey: `demo-capacity-${requestId}-request`,
        already: ['capacity_request_exists'],
        employerId,
      },
    );
  }

  console.log('\nWorkers and their pool contracts');
  for (const worker of workers) {
    const { contract, ...registration } = worker;
    const tg = worker.targetGroup ? `, target group (wage value ${worker.targetGroup.wageValueBp / 100} %)` : '';
    const hours = worker.availability.hoursPerWeek ?? Object.values(worker.availability.hoursByWeekday).reduce((a, b) => a + b, 0);
    await step(
      'workers',
      `${worker.name} (${worker.workerId}, born ${worker.birthDate}, ${worker.homeArea}, ${worker.skills.join('/')}, ${hours} h/week${tg}) registered`,
      '/workers',
      registration,
      {
        idempotencyKey: `demo-worker-${worker.workerId}-register`,
        already: ['worker_already_registered'],
      },
    );
    const term = contract.kind === 'fixed_term' ? `fixed-term ${contract.from}..${contract.to}` : `indefinite from ${contract.from}`;
    const seasonal = contract.seasonalClauseCao ? `, seasonal clause of ${contract.seasonalClauseCao}` : '';
    await step(
      'contracts',
      `${worker.workerId}: contract ${contract.contractId}, ${term}, ${contract.guaranteedHoursPerWeek}-${contract.maxHoursPerWeek} h/week${seasonal}`,
      `/workers/${worker.workerId}/contracts`,
      contract,
      {
        idempotencyKey: `demo-worker-${worker.workerId}-contract-${contract.contractId}`,
        already: ['contract_already_exists'],
      },
    );
  }

  console.log('\nPlacements (proposed, then confirmed: the confirmation checks hours and closures and resolves the wage)');
  const refusals = [];
  for (const placement of placements) {
    const { step: scaleStep, expectRefusal, ...terms } = placement;
    const id = terms.placementId;
    const what = `${terms.workerId} at ${terms.employerId} as ${terms.functionName}, ${terms.hoursPerWeek} h/week, ${terms.period.from}..${terms.period.to}`;
    await step('placements', `propose ${id}: ${what}`, '/placements', terms, {
      idempotencyKey: `demo-placement-${id}-propose`,
      already: ['placement_already_exists'],
    });
    // The hours rule reads the worker's committed hours, which the placement process records from
    // the feed after each confirmation: wait until it has caught up before a confirmation that depends on it.
    if (expectRefusal) await api.waitFor();
    const confirmed = await step(
      'confirmations',
      `confirm ${id} at step ${scaleStep}`,
      `/placements/${id}/confirmation`,
      { step: scaleStep },
      {
        idempotencyKey: `demo-placement-${id}-confirm`,
        // placement_withdrawn: the expected refusal of an earlier run, after which the proposal was withdrawn.
        already: expectRefusal ? ['placement_already_confirmed', 'placement_withdrawn'] : ['placement_already_confirmed'],
        expect: expectRefusal ? [expectRefusal] : [],
      },
    );
    if (confirmed.outcome === 'refused') {
      refusals.push({ id, problem: confirmed.problem });
      await step(
        'withdrawals',
        `withdraw ${id}: the confirmation was refused`,
        `/placements/${id}/withdrawal`,
        { reason: `Refused at confirmation: ${confirmed.problem.detail}` },
        {
          idempotencyKey: `demo-placement-${id}-withdraw`,
          already: ['placement_withdrawn'],
        },
      );
    } else if (expectRefusal && confirmed.outcome === 'done') {
      console.log(`  ! expected ${id} to be refused (${expectRefusal}), but it was confirmed`);
    }
  }

  // Everything the placement process does in reaction (hours committed, places filled) is in the feed now.
  await api.waitFor();
  await report(refusals);
  const periods = await payroll(api, count);

  const after = await api.catalogTotals();
  console.log(`\nStream catalog before: ${before.streams} streams, ${before.events} events`);
  console.log(`Stream catalog after:  ${after.streams} streams, ${after.events} events`);
  const added = { streams: after.streams - before.streams, events: after.events - before.events };
  console.log(
    added.streams === 0 && added.events === 0
      ? 'Nothing new was appended: everything was there already.'
      : `This run appended ${added.events} events in ${added.streams} new streams.`,
  );

  printSummary(refusals);
  await printInvoices(api, periods);
  await printLksClaim(api);
}

/** What the placements came to: resolved wages, the park → cleaning move, filled requests, statuses. */
async function report(refusals) {
  console.log(
    '\nFirst day’s pay as recorded at confirmation (GET /placements/:id, field firstDayPay; any day: GET /placements/:id/wage?on=)',
  );
  const statuses = [];
  for (const { placementId, expectRefusal } of placements) {
    const placement = await api.get(`/placements/${placementId}`);
    statuses.push(placement);
    if (placement.status === 'withdrawn') {
      const expected = expectRefusal ? '' : '  <-- NOT EXPECTED';
      console.log(`  ${placementId}: withdrawn (${placement.reason})${expected}`);
    } else if (placement.firstDayPay) {
      console.log(`  ${placementId}: ${formatFirstDayPay(placement.firstDayPay)}`);
    } else {
      console.log(`  ${placementId}: ${placement.status}, no pay agreed  <-- NOT EXPECTED`);
    }
  }

  console.log('\nFrom the park’s CAO to the cleaning CAO');
  for (const move of moves) {
    const from = statuses.find((p) => p.placementId === move.from);
    const to = statuses.find((p) => p.placementId === move.to);
    const worker = workers.find((w) => w.workerId === move.workerId);
    if (!from?.firstDayPay || !to?.firstDayPay) {
      console.log(`  ${worker.name}: a placement has no agreed pay (statuses ${from?.status}, ${to?.status})`);
      continue;
    }
    console.log(`  ${worker.name} (born ${worker.birthDate})`);
    console.log(`    summer at ${from.employerId}: ${formatFirstDayPay(from.firstDayPay)}`);
    console.log(`    winter at ${to.employerId}:  ${formatFirstDayPay(to.firstDayPay)}`);
    // While the winter's minimum wage is not published, the CAO wages are what can be compared.
    const both = from.firstDayPay.known && to.firstDayPay.known;
    const hourly = (pay) => (both ? pay.wage.hourlyCents : (pay.known ? pay.wage.cao : pay.cao).hourlyCents);
    const difference = hourly(to.firstDayPay) - hourly(from.firstDayPay);
    const what = both ? 'difference' : 'difference in CAO wage';
    console.log(`    ${what}: ${difference >= 0 ? '+' : '-'}€${formatCents(Math.abs(difference))} an hour`);
  }

  console.log('\nCapacity requests');
  for (const { requestId, employerId } of capacityRequests) {
    // Read with the employer's own key where the demo keys exist: employers see their own requests.
    const key = api.employerKeysRefused ? undefined : `demo-employer-${employerId}`;
    const request = await api.get(`/capacity-requests/${requestId}`, { key });
    console.log(
      `  ${requestId}: ${request.placementIds.length}/${request.headcount} filled, ${request.openSlots} open (${request.status})`,
    );
  }

  const femke = await api.get('/workers/w-femke?purpose=pool_operations');
  const linked = femke.commitments.map((c) => `${c.hoursPerWeek} h (${c.placementId})`).join(' + ');
  const total = femke.commitments.reduce((sum, c) => sum + c.hoursPerWeek, 0);
  console.log(`\nLinked small-hour contracts: ${femke.name} works ${linked} = ${total} h a week as one job with the pool`);
  for (const { id, problem } of refusals) console.log(`Refused: ${id}: ${problem.detail}`);
}

function printSummary(refusals) {
  const line = (kind) => {
    const t = tally[kind] ?? { done: 0, already: 0, refused: 0 };
    const refused = t.refused ? `, ${t.refused} refused` : '';
    return `${kind}: ${t.done + t.already + t.refused} (${t.done} new, ${t.already} already there${refused})`;
  };
  console.log('\nSummary');
  for (const kind of ['CAOs', 'employers', 'workers', 'capacity requests', 'placements', 'confirmations']) console.log(`  ${line(kind)}`);
  const others = Object.keys(tally).filter(
    (k) => !['CAOs', 'employers', 'workers', 'capacity requests', 'placements', 'confirmations'].includes(k),
  );
  console.log(`  also: ${others.map(line).join('; ')}`);
  const refusedNow = refusals.length;
  console.log(
    `  refusals: ${refusedNow} this run${refusedNow === 0 ? ' (the expected refusal of an earlier run was withdrawn then)' : ''}`,
  );
  const total = Object.values(tally).reduce((a, t) => ({ done: a.done + t.done, already: a.already + t.already }), { done: 0, already: 0 });
  console.log(`  actions: ${total.done} new, ${total.already} already there`);
}

/** The service answers, and the key is an operator's. */
async function checkService() {
  const health = await api.request('GET', '/health', { key: undefined });
  if (health.status !== 200) console.log(`Warning: /health answered ${health.status}: ${JSON.stringify(health.body)}`);
  const streams = await api.request('GET', '/streams?limit=1');
  if (streams.status === 401 || streams.status === 403) {
    throw new UnexpectedAnswerError(
      `The API key was refused (${streams.status}: ${streams.body?.detail ?? ''}). Set BANENPOOL_API_KEY to an operator key (the embedded demo accepts demo-operator).`,
    );
  }
  if (streams.status !== 200) throw new UnexpectedAnswerError(`GET /streams answered ${streams.status}: ${JSON.stringify(streams.body)}`);
}

main().catch((error) => {
  if (error instanceof NotRunningError) {
    console.error(error.message);
  } else if (error instanceof UnexpectedAnswerError) {
    console.error(`\nThe demo stopped: ${error.message}`);
  } else {
    console.error(`\nThe demo failed: ${error?.stack ?? error}`);
  }
  process.exit(1);
});
