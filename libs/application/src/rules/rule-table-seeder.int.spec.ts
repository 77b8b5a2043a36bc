import { EventBus } from '@nestjs/cqrs';
import { RULE_TABLE_SEED, RULE_TABLES, ruleTableStreamId } from '@banenpool/domain';
import { STACK_KINDS, openTestStack, type TestStack } from '@banenpool/testing';
import { StreamStates } from '../shared/stream-states.js';
import { RuleBookReader } from './rule-book-reader.js';
import { RULE_TABLE_SEED_ACTOR, RuleTableSeeder } from './rule-table-seeder.js';

const eventBus = { publish: () => undefined } as unknown as EventBus;

describe.each(STACK_KINDS)('RuleTableSeeder (on %s)', (kind) => {
  let stack: TestStack;
  const seederOn = (s: TestStack) => new RuleTableSeeder(s.store, new StreamStates(s.store), eventBus);

  beforeEach(async () => (stack = await openTestStack(kind)));
  afterEach(() => stack.cleanup());

  it('seeds every empty table once, as the shipped rows, and leaves it alone at the next start', async () => {
    const first = await seederOn(stack).seedEmptyTables();
    expect(first).toEqual(RULE_TABLES.map((table) => ({ table, outcome: 'seeded', rows: RULE_TABLE_SEED[table].length })));
    const [stored] = await stack.store.readStream(ruleTableStreamId('minimum-wage'));
    expect(stored.metadata.actor).toBe(RULE_TABLE_SEED_ACTOR);

    const second = await seederOn(stack).seedEmptyTables();
    expect(second.every((s) => s.outcome === 'present')).toBe(true);
    const book = await new RuleBookReader(new StreamStates(stack.store)).read();
    expect(book.minimumWage.map((r) => [r.effectiveFrom, r.lastDay, r.values.adultHourlyCents])).toEqual([
      ['2025-01-01', '2025-06-30', 1406],
      ['2025-07-01', '2025-12-31', 1440],
      ['2026-01-01', '2026-06-30', 1471],
    ]);
    expect(book.holidayAllowance).toEqual([expect.objectContaining({ revision: 0, lastDay: undefined, values: { minimumBp: 800 } })]);
    expect(book.sickPayAndLeave).toEqual([
      expect.objectContaining({ revision: 0, lastDay: undefined, values: { sickPayBp: 7000, leaveAccrualBp: 769 } }),
    ]);
  });

  it('two instances starting at once seed each table exactly once', async () => {
    const [a, b] = await Promise.all([seederOn(stack).seedEmptyTables(), seederOn(stack).seedEmptyTables()]);
    for (const [i, table] of RULE_TABLES.entries()) {
      expect([a[i].outcome, b[i].outcome].sort()).toEqual(['present', 'seeded']);
      expect(await stack.store.readStream(ruleTableStreamId(table))).toHaveLength(RULE_TABLE_SEED[table].length);
    }
  });
});
