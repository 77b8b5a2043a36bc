import type { PublishRulePeriod } from './rules.commands.js';
import type { MinimumWageValues, RuleSource, RuleTable } from './rules.events.js';

// The tables the service ships with, published into the empty `rules-<table>` streams at first
// start. Later periods are published by an operator (POST /rules/:table), never by changing this
// file: a running pool already has these rows in its streams.

const WML: RuleSource = {
  title: 'Wet minimumloon en minimumvakantiebijslag (WML)',
  url: 'https://wetten.overheid.nl/BWBR0002638',
};

const minimumWageSource = (year: number): RuleSource => ({
  title: `Rijksoverheid, Bedragen minimumloon ${year}; youth percentages and BBL percentages (since 1 July 2019) per the ${WML.title}`,
  url: `https://www.rijksoverheid.nl/onderwerpen/minimumloon/bedragen-minimumloon/bedragen-minimumloon-${year}`,
});

const minimumWage = (adultHourlyCents: number): MinimumWageValues => ({
  adultHourlyCents,
  adultAge: 21,
  youthBp: { 15: 3000, 16: 3450, 17: 3950, 18: 5000, 19: 6000, 20: 8000 },
  bblYouthBp: { 18: 4550, 19: 5250, 20: 6150 },
});

/** The statutory figures in force since 2020 (the minimum wage since 2025), per table, oldest first. */
export const RULE_TABLE_SEED: { readonly [T in RuleTable]: readonly Extract<PublishRulePeriod, { table: T }>[] } = {
  // Indexed every 1 January and 1 July. The amount from 1 July 2026 was not published when this was
  // written, so the table ends on 30 June 2026 and an operator publishes the next period.
  'minimum-wage': [
    {
      type: 'PublishRulePeriod',
      table: 'minimum-wage',
      effectiveFrom: '2025-01-01',
      effectiveUntil: '2025-06-30',
      values: minimumWage(1406),
      source: minimumWageSource(2025),
    },
    {
      type: 'PublishRulePeriod',
      table: 'minimum-wage',
      effectiveFrom: '2025-07-01',
      effectiveUntil: '2025-12-31',
      values: minimumWage(1440),
      source: minimumWageSource(2025),
    },
    {
      type: 'PublishRulePeriod',
      table: 'minimum-wage',
      effectiveFrom: '2026-01-01',
      effectiveUntil: '2026-06-30',
      values: minimumWage(1471),
      source: minimumWageSource(2026),
    },
  ],
  'working-time': [
    {
      type: 'PublishRulePeriod',
      table: 'working-time',
      effectiveFrom: '2020-01-01',
      values: {
        bands: [
          {
            minAge: 18,
            shiftHours: 12,
            weekHours: 60,
            fourWeekAverageHours: 55,
            sixteenWeekAverageHours: 48,
            dailyRestHours: 11,
            shortenedDailyRestHours: 8,
          },
          {
            minAge: 16,
            maxAge: 17,
            shiftHours: 9,
            weekHours: 45,
            fourWeekAverageHours: 40,
            night: { from: '23:00', until: '06:00' },
            dailyRestHours: 12,
          },
          // School weeks only: the up to 40 hours a week a 15-year-old may work in school holidays
          // are not modelled, so the pool plans them against the stricter school-week limit.
          { minAge: 0, maxAge: 15, shiftHours: 8, weekHours: 12, night: { from: '19:00', until: '07:00' }, dailyRestHours: 12 },
        ],
      },
      source: {
        title:
          'Arbeidstijdenwet, chapter 5 (daily rest: art. 5:3, 11 h, once in 7 × 24 h shortened to 8 h; under 18 art. 5:2, 12 h); ' +
          'for workers under 18 the Arbeidstijdenbesluit as summarised at https://www.rijksoverheid.nl/onderwerpen/werktijden/werktijden-jongeren',
        url: 'https://wetten.overheid.nl/BWBR0007671',
      },
    },
  ],
  'chain-rule': [
    {
      type: 'PublishRulePeriod',
      table: 'chain-rule',
      effectiveFrom: '2020-01-01',
      values: {
        maxContracts: 3,
        maxMonths: 36,
        breakingGapMonths: 6,
        seasonalBreakingGapMonths: 3,
        caoMaxContracts: 6,
        caoMaxMonths: 48,
      },
      source: { title: 'Burgerlijk Wetboek Boek 7, article 7:668a (ketenregeling)', url: 'https://wetten.overheid.nl/BWBR0005290' },
    },
  ],
  'holiday-allowance': [
    {
      type: 'PublishRulePeriod',
      table: 'holiday-allowance',
      effectiveFrom: '2020-01-01',
      values: { minimumBp: 800 },
      source: { title: `${WML.title}, article 15 (minimumvakantiebijslag)`, url: WML.url },
    },
  ],
  // Sick pay: 70 % of the wage, at least the minimum wage (BW 7:629). Leave: at least 4 × the hours
  // a week per year (BW 7:634), i.e. 4 of every 52 weeks paid: 4 / 52 = 7.69 % of paid hours.
  'sick-pay-and-leave': [
    {
      type: 'PublishRulePeriod',
      table: 'sick-pay-and-leave',
      effectiveFrom: '2020-01-01',
      values: { sickPayBp: 7000, leaveAccrualBp: 769 },
      source: {
        title: 'Burgerlijk Wetboek Boek 7, articles 7:629 (loon bij ziekte) and 7:634 (minimumvakantie)',
        url: 'https://wetten.overheid.nl/BWBR0005290',
      },
    },
  ],
  // What the pool pays on top of the gross wage, as one share for the cost price of a rate (issue 16):
  // AWf low 2.74 %, Aof (WIA, middle) 6.28 %, Whk about 1.52 % (sector average), Zvw employer levy
  // 6.51 %, Wko 0.50 %: 17.55 % in 2025. An operator publishes the pool's own figures each year.
  'employer-charges': [
    {
      type: 'PublishRulePeriod',
      table: 'employer-charges',
      effectiveFrom: '2025-01-01',
      values: { chargesBp: 1755 },
      source: {
        title:
          'Belastingdienst, Handboek Loonheffingen 2025: premiepercentages werknemersverzekeringen en inkomensafhankelijke bijdrage Zvw',
        url: 'https://www.belastingdienst.nl/wps/wcm/connect/nl/handboeken/content/handboek-loonheffingen',
      },
    },
  ],
  // The general rate since 1 October 2012 (Wet OB 1968, art. 9); secondment is a taxable service.
  vat: [
    {
      type: 'PublishRulePeriod',
      table: 'vat',
      effectiveFrom: '2020-01-01',
      values: { standardBp: 2100 },
      source: { title: 'Wet op de omzetbelasting 1968, artikel 9 (algemeen tarief)', url: 'https://wetten.overheid.nl/BWBR0002629' },
    },
  ],
  // LKS: at most 70 % of (minimum wage + holiday allowance) an hour (Participatiewet art. 10d), plus
  // a flat 23.5 % for employer charges on the subsidy.
  'wage-cost-subsidy': [
    {
      type: 'PublishRulePeriod',
      table: 'wage-cost-subsidy',
      effectiveFrom: '2020-01-01',
      values: { capBp: 7000, employerChargesAllowanceBp: 2350 },
      source: { title: 'Participatiewet, artikel 10d (loonkostensubsidie)', url: 'https://wetten.overheid.nl/BWBR0015703' },
    },
  ],
  // Art. 52 AWR: the wage administration and the invoices are kept 7 years (from the end of the
  // year they concern), so an erasure (GDPR art. 17(3)(b)) leaves them; art. 66 Wet LB is not
  // modelled, as the pool keeps no copy of identity documents.
  retention: [
    {
      type: 'PublishRulePeriod',
      table: 'retention',
      effectiveFrom: '2020-01-01',
      values: { fiscalRecordsYears: 7 },
      source: {
        title: 'Algemene wet inzake rijksbelastingen, artikel 52 (bewaarplicht administratie)',
        url: 'https://wetten.overheid.nl/BWBR0002320',
      },
    },
  ],
};
