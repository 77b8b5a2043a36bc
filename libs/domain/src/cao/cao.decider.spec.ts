import { fold } from '../shared/decider.js';
import { given } from '../shared/given-when-then.js';
import { caoDecider, caoVersionIn, caoVersionOn, caoVersions } from './cao.decider.js';
import type { CaoEvent, CaoVersionContent } from './cao.events.js';
import { caoStreamId } from './cao.events.js';
import { sampleContent } from './cao.fixtures.js';

const registered: CaoEvent = { type: 'CaoRegistered', data: { code: 'recreatie', name: 'CAO Recreatie' } };
const published = (effectiveFrom: string, effectiveUntil?: string, content: CaoVersionContent = sampleContent()): CaoEvent => ({
  type: 'CaoVersionPublished',
  data: { code: 'recreatie', effectiveFrom, effectiveUntil, content },
});
const publish = (effectiveFrom: string, effectiveUntil?: string, content: CaoVersionContent = sampleContent()) =>
  ({ type: 'PublishCaoVersion', effectiveFrom, effectiveUntil, content }) as const;

describe('CAO stream', () => {
  it('has stream ids cao-<code> and refuses codes the store cannot hold', () => {
    expect(caoStreamId('schoonmaak-2026')).toBe('cao-schoonmaak-2026');
    expect(() => caoStreamId('schoon maak')).toThrow(expect.objectContaining({ code: 'invalid_id' }));
  });

  describe('RegisterCao', () => {
    it('registers a CAO', () =>
      given(caoDecider, []).when({ type: 'RegisterCao', code: 'recreatie', name: 'CAO Recreatie' }).then([registered]));

    it('refuses registering twice', () =>
      given(caoDecider, [registered])
        .when({ type: 'RegisterCao', code: 'recreatie', name: 'Again' })
        .thenRefused('cao_already_registered', { kind: 'conflict' }));

    it('refuses an empty name', () =>
      given(caoDecider, []).when({ type: 'RegisterCao', code: 'recreatie', name: ' ' }).thenRefused('missing_text'));
  });

  describe('PublishCaoVersion', () => {
    it('publishes an open-ended version', () =>
      given(caoDecider, [registered])
        .when(publish('2025-01-01'))
        .then([published('2025-01-01')]));

    it('refuses a version for a CAO that is not registered', () =>
      given(caoDecider, []).when(publish('2025-01-01')).thenRefused('cao_not_found', { kind: 'not_found' }));

    it('refuses an end before the start', () =>
      given(caoDecider, [registered]).when(publish('2025-07-01', '2025-06-30')).thenRefused('invalid_period'));

    it('accepts holiday pay of exactly 8 %', () =>
      given(caoDecider, [registered])
        .when(publish('2025-01-01', undefined, sampleContent({ holidayPayBp: 800 })))
        .then([published('2025-01-01', undefined, sampleContent({ holidayPayBp: 800 }))]));

    it('refuses holiday pay below 8 %', () =>
      given(caoDecider, [registered])
        .when(publish('2025-01-01', undefined, sampleContent({ holidayPayBp: 799 })))
        .thenRefused('holiday_pay_below_minimum', { message: '7.99 %' }));

    it('publishes an overtime surcharge and a pension premium with the version', () => {
      const content = sampleContent({
        surcharges: { ...sampleContent().surcharges, overtimeBp: 2500 },
        pensionPremium: { employeeBp: 750, employerBp: 1500 },
      });
      given(caoDecider, [registered])
        .when(publish('2025-01-01', undefined, content))
        .then([published('2025-01-01', undefined, content)]);
    });

    it.each<[string, Partial<CaoVersionContent>, string, string]>([
      [
        'an overtime surcharge over 300 %',
        { surcharges: { ...sampleContent().surcharges, overtimeBp: 30_001 } },
        'invalid_percentage',
        'overtime',
      ],
      ['a negative pension share', { pensionPremium: { employeeBp: -1, employerBp: 1500 } }, 'invalid_percentage', "employee's share"],
      [
        'a pension premium over half the wage',
        { pensionPremium: { employeeBp: 2500, employerBp: 2600 } },
        'pension_premium_too_high',
        '25 % (employee) and 26 % (employer)',
      ],
    ])('refuses %s', (_, overrides, code, message) =>
      given(caoDecider, [registered])
        .when(publish('2025-01-01', undefined, sampleContent(overrides)))
        .thenRefused(code, { message }),
    );

    it('a later version ends an open-ended one: no overlap', () =>
      given(caoDecider, [registered, published('2025-01-01')])
        .when(publish('2026-01-01'))
        .then([published('2026-01-01')]));

    it('accepts a bounded version that ends the day before the next one starts', () =>
      given(caoDecider, [registered, published('2025-07-01')])
        .when(publish('2025-01-01', '2025-06-30'))
        .then([published('2025-01-01', '2025-06-30')]));

    it('refuses a version starting inside a bounded version', () =>
      given(caoDecider, [registered, published('2025-01-01', '2025-12-31')])
        .when(publish('2025-06-01'))
        .thenRefused('cao_versions_overlap', { message: '2025-01-01 to 2025-12-31' }));

    it('refuses a bounded version that runs into the next one', () =>
      given(caoDecider, [registered, published('2025-07-01')])
        .when(publish('2025-01-01', '2025-07-01'))
        .thenRefused('cao_versions_overlap'));

    it('refuses a second version from the same date', () =>
      given(caoDecider, [registered, published('2025-01-01')])
        .when(publish('2025-01-01'))
        .thenRefused('cao_versions_overlap'));

    it.each<[string, Partial<CaoVersionContent>, string]>([
      ['no wage scales', { wageScales: {} }, 'invalid_wage_scales'],
      ['a scale without steps', { wageScales: { A: [] } }, 'invalid_wage_scales'],
      ['a wage in fractions of a cent', { wageScales: { A: [1450.5] } }, 'invalid_amount'],
      ['youth percentages with a gap', { youthBp: { 16: 4000, 18: 6000 } }, 'invalid_youth_percentages'],
      ['a youth percentage above 100 %', { youthBp: { 18: 10_001 } }, 'invalid_percentage'],
      ['zero full-time hours', { fullTimeHoursPerWeek: 0 }, 'invalid_hours'],
      ['holiday pay above 100 %', { holidayPayBp: 10_001 }, 'invalid_percentage'],
      [
        'a time band ending before it starts',
        { surcharges: { timeBands: [{ weekday: 'monday', start: '22:00', end: '06:00', surchargeBp: 3000 }], publicHolidayBp: 0 } },
        'invalid_time_band',
      ],
      [
        'overlapping time bands on one day',
        {
          surcharges: {
            timeBands: [
              { weekday: 'friday', start: '18:00', end: '23:00', surchargeBp: 2000 },
              { weekday: 'friday', start: '22:00', end: '24:00', surchargeBp: 3000 },
            ],
            publicHolidayBp: 0,
          },
        },
        'overlapping_time_bands',
      ],
    ])('refuses content with %s', (_, overrides, code) =>
      given(caoDecider, [registered])
        .when(publish('2025-01-01', undefined, sampleContent(overrides)))
        .thenRefused(code),
    );

    it('accepts adjacent time bands and a CAO without its own youth percentages', () => {
      const content = sampleContent({
        youthBp: undefined,
        surcharges: {
          timeBands: [
            { weekday: 'friday', start: '18:00', end: '22:00', surchargeBp: 2000 },
            { weekday: 'friday', start: '22:00', end: '24:00', surchargeBp: 3000 },
          ],
          publicHolidayBp: 0,
        },
      });
      given(caoDecider, [registered])
        .when(publish('2025-01-01', undefined, content))
        .then([published('2025-01-01', undefined, content)]);
    });
  });

  describe('CorrectCaoVersion', () => {
    const corrected = sampleContent({ wageScales: { A: [1460, 1510, 1560], B: [1600, 1680] } });

    it('records a correction as a new revision with its reason', () =>
      given(caoDecider, [registered, published('2025-01-01')])
        .when({ type: 'CorrectCaoVersion', effectiveFrom: '2025-01-01', content: corrected, reason: 'Scale A misprinted' })
        .then([
          {
            type: 'CaoVersionCorrected',
            data: { code: 'recreatie', effectiveFrom: '2025-01-01', revision: 1, content: corrected, reason: 'Scale A misprinted' },
          },
        ]));

    it('refuses correcting a version that does not exist', () =>
      given(caoDecider, [registered, published('2025-01-01')])
        .when({ type: 'CorrectCaoVersion', effectiveFrom: '2025-02-01', content: corrected, reason: 'Typo' })
        .thenRefused('cao_version_not_found', { kind: 'not_found' }));

    it('refuses a correction without a reason', () =>
      given(caoDecider, [registered, published('2025-01-01')])
        .when({ type: 'CorrectCaoVersion', effectiveFrom: '2025-01-01', content: corrected, reason: '' })
        .thenRefused('missing_text'));

    it('refuses a correction that breaks a rule of its own (holiday pay below 8 %)', () =>
      given(caoDecider, [registered, published('2025-01-01')])
        .when({ type: 'CorrectCaoVersion', effectiveFrom: '2025-01-01', content: sampleContent({ holidayPayBp: 500 }), reason: 'Lower' })
        .thenRefused('holiday_pay_below_minimum'));

    it('keeps every revision: the published content stays in the history', () => {
      const state = fold(caoDecider, [
        registered,
        published('2025-01-01'),
        {
          type: 'CaoVersionCorrected',
          data: { code: 'recreatie', effectiveFrom: '2025-01-01', revision: 1, content: corrected, reason: 'Scale A misprinted' },
        },
      ]);
      expect(state.status === 'registered' && state.versions[0].revisions.map((r) => r.content)).toEqual([sampleContent(), corrected]);
      expect(caoVersionOn(state, '2025-03-01')).toMatchObject({ revision: 1, content: corrected });
    });
  });

  describe('caoVersionOn', () => {
    const state = fold(caoDecider, [registered, published('2026-01-01'), published('2025-01-01'), published('2024-01-01', '2024-06-30')]);

    it('finds the version effective on a date, an open end running until the next version', () => {
      expect(caoVersionOn(state, '2025-12-31')).toMatchObject({
        code: 'recreatie',
        effectiveFrom: '2025-01-01',
        effectiveUntil: '2025-12-31',
        revision: 0,
      });
      expect(caoVersionOn(state, '2026-01-01')).toMatchObject({ effectiveFrom: '2026-01-01', effectiveUntil: undefined });
      expect(caoVersionOn(state, '2024-06-30')?.effectiveFrom).toBe('2024-01-01');
    });

    it('finds nothing before the first version or in a gap between versions', () => {
      expect(caoVersionOn(state, '2023-12-31')).toBeUndefined();
      expect(caoVersionOn(state, '2024-07-01')).toBeUndefined();
      expect(caoVersionOn(fold(caoDecider, []), '2025-01-01')).toBeUndefined();
    });

    it('lists the versions in date order', () => {
      expect(caoVersions(state).map((v) => v.effectiveFrom)).toEqual(['2024-01-01', '2025-01-01', '2026-01-01']);
    });

    it('caoVersionIn finds the version of the named CAO among the versions of several', () => {
      const horeca = caoVersions(
        fold(caoDecider, [
          { type: 'CaoRegistered', data: { code: 'horeca', name: 'Horeca' } },
          { type: 'CaoVersionPublished', data: { code: 'horeca', effectiveFrom: '2025-01-01', content: sampleContent() } },
        ]),
      );
      const versions = [...horeca, ...caoVersions(state)];
      expect(caoVersionIn(versions, 'recreatie', '2025-06-01')).toMatchObject({ code: 'recreatie', effectiveFrom: '2025-01-01' });
      expect(caoVersionIn(versions, 'horeca', '2025-06-01')).toMatchObject({ code: 'horeca' });
      expect(caoVersionIn(versions, 'horeca', '2024-06-01')).toBeUndefined();
    });
  });
});
