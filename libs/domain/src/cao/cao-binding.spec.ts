import { fold } from '../shared/decider.js';
import { given } from '../shared/given-when-then.js';
import type { RecordCaoBinding } from './cao.commands.js';
import { caoBindingOn, caoDecider } from './cao.decider.js';
import type { CaoEvent } from './cao.events.js';

const registered: CaoEvent = { type: 'CaoRegistered', data: { code: 'recreatie', name: 'CAO Recreatie' } };
const basis = 'Declared generally binding (AVV)';
const record = (from: string, until?: string): RecordCaoBinding => ({ type: 'RecordCaoBinding', from, until, basis });
const recorded = (from: string, until?: string, why = basis): CaoEvent => ({
  type: 'CaoBindingOnPoolRecorded',
  data: { code: 'recreatie', from, until, basis: why },
});

describe('RecordCaoBinding', () => {
  it('records that the CAO binds the pool from a date', () =>
    given(caoDecider, [registered])
      .when(record('2026-01-01'))
      .then([recorded('2026-01-01')]));

  it('refuses a binding overlapping another, and accepts one after it ends', () => {
    const history = [registered, recorded('2026-01-01', '2026-12-31')];
    given(caoDecider, history).when(record('2026-06-01')).thenRefused('cao_bindings_overlap', { message: 'same start (2026-01-01)' });
    given(caoDecider, history)
      .when(record('2027-01-01'))
      .then([recorded('2027-01-01')]);
  });

  it('a binding with the same start replaces the recorded one (e.g. to give it an end)', () => {
    given(caoDecider, [registered, recorded('2026-01-01')])
      .when(record('2026-01-01', '2026-12-31'))
      .then([recorded('2026-01-01', '2026-12-31')]);
    const state = fold(caoDecider, [registered, recorded('2026-01-01'), recorded('2026-01-01', '2026-12-31', 'Membership ended')]);
    expect(caoBindingOn(state, '2026-12-31')).toEqual({ from: '2026-01-01', until: '2026-12-31', basis: 'Membership ended' });
    expect(caoBindingOn(state, '2027-01-01')).toBeUndefined();
  });

  it('refuses a binding ending before it starts, or without a basis', () => {
    given(caoDecider, [registered]).when(record('2026-12-31', '2026-01-01')).thenRefused('invalid_period');
    given(caoDecider, [registered])
      .when({ ...record('2026-01-01'), basis: ' ' })
      .thenRefused('missing_text');
  });

  it('refuses a CAO that is not registered', () =>
    given(caoDecider, []).when(record('2026-01-01')).thenRefused('cao_not_found', { kind: 'not_found' }));
});
