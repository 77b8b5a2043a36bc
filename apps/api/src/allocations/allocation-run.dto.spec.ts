import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AcceptProposalsDto, RejectProposalsDto } from './allocation-run.dto.js';

const invalidProperties = (dto: object) => validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }).map((e) => e.property);

describe('the proposals an acceptance or rejection names', () => {
  it('are ids as a run gives them: request, worker, first Monday', () => {
    const ids = ['visschedijk-winter-2026:w-ahmet:2026-11-02', 'cr-rb:w-rb-2:2026-11-30'];
    expect(invalidProperties(plainToInstance(AcceptProposalsDto, { proposalIds: ids, step: 0 }))).toEqual([]);
    expect(invalidProperties(plainToInstance(RejectProposalsDto, { proposalIds: ids, reason: 'Filled by the employer' }))).toEqual([]);
  });

  it('are accepted only with the step the operator chose: never a silent step 0', () => {
    const ids = ['cr-rb:w-rb-2:2026-11-30'];
    expect(invalidProperties(plainToInstance(AcceptProposalsDto, { proposalIds: ids }))).toEqual(['step']);
    expect(invalidProperties(plainToInstance(AcceptProposalsDto, { proposalIds: ids, step: -1 }))).toEqual(['step']);
  });

  // Each of these can never name a proposal: malformed input (400), not an unknown proposal (404).
  it.each([
    ['   '],
    ['nul\u0000byte'],
    ['CR-RB:w-rb-2:2026-11-30'],
    ['cr-rb:w-rb-2:2026-11-30 '],
    ['cr-rb:w rb:2026-11-30'],
    [':cr-rb:w-rb-2:2026-11-30'],
    ['x'.repeat(201)],
  ])('%j is refused', (id) => {
    expect(invalidProperties(plainToInstance(AcceptProposalsDto, { proposalIds: [id], step: 0 }))).toEqual(['proposalIds']);
    expect(invalidProperties(plainToInstance(RejectProposalsDto, { proposalIds: [id], reason: 'Filled by the employer' }))).toEqual([
      'proposalIds',
    ]);
  });
});
