// The Twente winter scenario: who and what the demo loads. Stable ids everywhere, so a second run
// recognises everything it loaded before.
//
// ILLUSTRATIVE FIGURES: every CAO below (wage scales, steps, youth percentages, surcharges,
// full-time hours) is made up for this demonstration. None of it is taken from a published CAO, and
// each version says so in its data (`illustrative: true`). Only the statutory figures the service
// itself applies (minimum wage 2026: €14.71 an hour, its youth percentages, 8 % holiday pay) are real;
// the minimum wage from July 2026 on (`minimumWagePeriods`) is illustrative too, and titled so.

export const ILLUSTRATIVE_NOTICE =
  'CAO figures in this demo are illustrative (made up, not taken from a published CAO); every CAO version is stored with illustrative: true.';

const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];
const band = (weekday, start, end, surchargeBp) => ({ weekday, start, end, surchargeBp });
const eachWeekday = (start, end, surchargeBp, days = weekdays) => days.map((day) => band(day, start, end, surchargeBp));

/** Five CAOs, each with one version from 2026-01-01 (the recreation CAO also binds the pool). Wages are hourly, in cents (the 2026 minimum wage is 1471). */
export const caos = [
  {
    code: 'recreatie',
    name: 'CAO Recreatie (illustrative)',
    version: {
      effectiveFrom: '2026-01-01',
      content: {
        wageScales: { A: [1480, 1512, 1545], B: [1560, 1600, 1645], C: [1690, 1740, 1795] },
        // Deliberately below the statutory youth percentages at 18 and 19: the pay rule then lifts
        // a young worker to the minimum wage, which the demo shows.
        youthBp: { 15: 2700, 16: 3100, 17: 3600, 18: 4500, 19: 5500, 20: 7500 },
        surcharges: {
          timeBands: [...eachWeekday('20:00', '24:00', 2500, [...weekdays, 'saturday']), band('sunday', '00:00', '24:00', 5000)],
          publicHolidayBp: 10000,
        },
        holidayPayBp: 800,
        fullTimeHoursPerWeek: 38,
        seasonalClause: true,
        illustrative: true,
      },
    },
    // The pool itself is bound by this CAO, so its seasonal clause may shorten the chain gap of pool contracts.
    binding: { from: '2026-01-01', basis: 'The pool is a member of the recreation employers’ organisation (illustrative)' },
  },
  {
    code: 'schoonmaak',
    name: 'CAO Schoonmaak- en Glazenwassersbedrijf (illustrative)',
    version: {
      effectiveFrom: '2026-01-01',
      content: {
        wageScales: { A: [1525, 1560, 1598], B: [1610, 1650, 1695], C: [1720, 1775] },
        youthBp: { 18: 5500, 19: 6500, 20: 8500 },
        surcharges: {
          timeBands: [
            ...eachWeekday('00:00', '06:00', 5000),
            ...eachWeekday('22:00', '24:00', 5000),
            band('saturday', '00:00', '24:00', 5000),
            band('sunday', '00:00', '24:00', 10000),
          ],
          publicHolidayBp: 10000,
        },
        holidayPayBp: 800,
        fullTimeHoursPerWeek: 38,
        seasonalClause: false,
        illustrative: true,
      },
    },
  },
  {
    code: 'levensmiddelen',
    name: 'CAO Levensmiddelenindustrie (illustrative)',
    version: {
      effectiveFrom: '2026-01-01',
      content: {
        wageScales: { A: [1490, 1520, 1555], B: [1580, 1625, 1670], C: [1700, 1750, 1800] },
        youthBp: { 16: 3450, 17: 3950, 18: 5000, 19: 6000, 20: 8000 },
        surcharges: {
          timeBands: [
            ...eachWeekday('00:00', '06:00', 3000),
            ...eachWeekday('18:00', '22:00', 1500),
            ...eachWeekday('22:00', '24:00', 3000),
            band('saturday', '00:00', '24:00', 5000),
            band('sunday', '00:00', '24:00', 10000),
          ],
          publicHolidayBp: 10000,
        },
        holidayPayBp: 800,
        fullTimeHoursPerWeek: 38,
        seasonalClause: false,
        illustrative: true,
      },
    },
  },
  {
    code: 'groen',
    name: 'CAO Hoveniers en Groenvoorziening (illustrative)',
    version: {
      effectiveFrom: '2026-01-01',
      content: {
        wageScales: { A: [1495, 1530, 1570], B: [1610, 1660, 1710], C: [1760, 1820] },
        surcharges: {
          timeBands: [
            ...eachWeekday('00:00', '07:00', 2500),
            band('saturday', '00:00', '24:00', 5000),
            band('sunday', '00:00', '24:00', 10000),
          ],
          publicHolidayBp: 10000,
        },
        holidayPayBp: 800,
        fullTimeHoursPerWeek: 39,
        seasonalClause: true,
        illustrative: true,
      },
    },
  },
  {
    code: 'taxi',
    name: 'CAO Taxivervoer (illustrative)',
    version: {
      effectiveFrom: '2026-01-01',
      content: {
        wageScales: { A: [1471, 1505, 1540], B: [1530, 1565, 1600] },
        surcharges: {
          timeBands: [...eachWeekday('00:00', '06:00', 2000, [...weekdays, 'saturday']), band('sunday', '00:00', '24:00', 5000)],
          publicHolidayBp: 5000,
        },
        holidayPayBp: 800,
        fullTimeHoursPerWeek: 40,
        seasonalClause: false,
        illustrative: true,
      },
    },
  },
];

/** Member employers: all join on 2026-01-01 and apply their CAO from that day. */
export const employers = [
  {
    employerId: 'de-waarbeek',
    name: 'De Waarbeek (amusement park)',
    caoCode: 'recreatie',
    sites: [{ siteId: 'park', name: 'De Waarbeek, Hengelo', area: 'hengelo' }],
    functions: [
      { functionName: 'attractiemedewerker', scale: 'A' },
      { functionName: 'horecamedewerker', scale: 'A' },
      { functionName: 'teamleider attracties', scale: 'B' },
      { functionName: 'technisch medewerker', scale: 'C' },
    ],
    closures: [{ siteId: 'park', period: { from: '2026-11-01', to: '2027-03-31' }, reason: 'Winter closure of the park' }],
  },
  {
    employerId: 'visschedijk',
    name: 'Visschedijk Facilitaire Diensten',
    caoCode: 'schoonmaak',
    sites: [
      { siteId: 'hengelo', name: 'Visschedijk Hengelo', area: 'hengelo' },
      { siteId: 'enschede', name: 'Visschedijk Enschede', area: 'enschede' },
    ],
    functions: [
      { functionName: 'schoonmaker', scale: 'A' },
      { functionName: 'glazenwasser', scale: 'B' },
      { functionName: 'objectleider', scale: 'C' },
    ],
    closures: [],
  },
  {
    employerId: 'bolletje',
    name: 'Bolletje (food producer)',
    caoCode: 'levensmiddelen',
    sites: [{ siteId: 'almelo', name: 'Bolletje Almelo', area: 'almelo' }],
    functions: [
      { functionName: 'productiemedewerker', scale: 'A' },
      { functionName: 'heftruckchauffeur', scale: 'B' },
      { functionName: 'ploegleider', scale: 'C' },
    ],
    closures: [],
  },
  {
    employerId: 'axentgroen',
    name: 'Axentgroen (green maintenance)',
    caoCode: 'groen',
    sites: [{ siteId: 'borne', name: 'Axentgroen Borne', area: 'borne' }],
    functions: [
      { functionName: 'groenmedewerker', scale: 'A' },
      { functionName: 'hovenier', scale: 'B' },
    ],
    closures: [],
  },
  {
    employerId: 'taxi-twente',
    name: 'Taxi Twente',
    caoCode: 'taxi',
    sites: [{ siteId: 'hengelo', name: 'Taxi Twente, garage Hengelo', area: 'hengelo' }],
    functions: [
      { functionName: 'taxichauffeur', scale: 'A' },
      { functionName: 'chauffeur rolstoelvervoer', scale: 'B' },
    ],
    closures: [],
  },
];

export const MEMBER_FROM = '2026-01-01';

/** Seasonal capacity requests, each made by the employer itself (with its own demo key). */
export const capacityRequests = [
  {
    requestId: 'waarbeek-season-2026',
    employerId: 'de-waarbeek',
    siteId: 'park',
    functionName: 'attractiemedewerker',
    requiredSkill: 'attraction-operation',
    period: { from: '2026-04-01', to: '2026-10-31' },
    hoursPerWeek: 28,
    headcount: 3,
  },
  {
    requestId: 'visschedijk-winter-2026',
    employerId: 'visschedijk',
    siteId: 'hengelo',
    functionName: 'schoonmaker',
    requiredSkill: 'cleaning',
    period: { from: '2026-11-02', to: '2027-03-28' },
    hoursPerWeek: 24,
    headcount: 4,
  },
  {
    requestId: 'bolletje-autumn-2026',
    employerId: 'bolletje',
    siteId: 'almelo',
    functionName: 'productiemedewerker',
    requiredSkill: 'production',
    period: { from: '2026-09-01', to: '2026-12-31' },
    hoursPerWeek: 32,
    headcount: 6,
  },
  {
    requestId: 'bolletje-packing-2026',
    employerId: 'bolletje',
    siteId: 'almelo',
    functionName: 'productiemedewerker',
    requiredSkill: 'order-picking',
    period: { from: '2026-09-01', to: '2026-12-31' },
    hoursPerWeek: 16,
    headcount: 2,
  },
  {
    requestId: 'axentgroen-spring-2027',
    employerId: 'axentgroen',
    siteId: 'borne',
    functionName: 'groenmedewerker',
    requiredSkill: 'green-maintenance',
    period: { from: '2027-03-01', to: '2027-06-30' },
    hoursPerWeek: 32,
    headcount: 4,
  },
  // Taxi Twente's small-hour requests (8-16 h a week) that the pool links into jobs.
  {
    requestId: 'taxi-twente-school-2026',
    employerId: 'taxi-twente',
    siteId: 'hengelo',
    functionName: 'taxichauffeur',
    requiredSkill: 'driving-licence-b',
    period: { from: '2026-09-01', to: '2027-06-30' },
    hoursPerWeek: 12,
    headcount: 2,
  },
  {
    requestId: 'taxi-twente-evening-2026',
    employerId: 'taxi-twente',
    siteId: 'hengelo',
    functionName: 'taxichauffeur',
    requiredSkill: 'driving-licence-b',
    period: { from: '2026-10-01', to: '2027-03-31' },
    hoursPerWeek: 8,
    headcount: 1,
  },
  {
    requestId: 'taxi-twente-weekend-2026',
    employerId: 'taxi-twente',
    siteId: 'hengelo',
    functionName: 'chauffeur rolstoelvervoer',
    requiredSkill: 'driving-licence-b',
    period: { from: '2026-09-01', to: '2027-06-30' },
    hoursPerWeek: 16,
    headcount: 2,
  },
];

// Pool employment contracts.
const fixedTerm = (guaranteed, max, extra = {}) => ({
  contractId: 'c-2026',
  kind: 'fixed_term',
  from: '2026-03-01',
  to: '2027-02-28',
  guaranteedHoursPerWeek: guaranteed,
  maxHoursPerWeek: max,
  ...extra,
});
const indefinite = (guaranteed, max) => ({
  contractId: 'c-2026',
  kind: 'indefinite',
  from: '2026-03-01',
  guaranteedHoursPerWeek: guaranteed,
  maxHoursPerWeek: max,
});
const perWeek = (hoursPerWeek) => ({ hoursPerWeek });
const byWeekday = (hoursByWeekday) => ({ hoursByWeekday });
const targetGroup = (wageValueBp) => ({ inRegister: true, wageValueBp });

/** About 40 pool workers. The first ones are the people the placements below tell the story of. */
export const workers = [
  // Park staff who move to winter cleaning: indefinite contracts (or, for Lotte, a seasonal fixed-term one) that cover both seasons.
  {
    workerId: 'w-ahmet',
    name: 'Ahmet Yilmaz',
    birthDate: '1989-06-14',
    homeArea: 'hengelo',
    skills: ['attraction-operation', 'cleaning', 'first-aid'],
    availability: perWeek(36),
    contract: indefinite(24, 36),
  },
  {
    workerId: 'w-lotte',
    name: 'Lotte Haverkamp',
    birthDate: '2007-08-20',
    homeArea: 'borne',
    skills: ['attraction-operation', 'catering', 'cleaning'],
    availability: byWeekday({ monday: 8, tuesday: 8, wednesday: 4, thursday: 8, friday: 4 }),
    contract: { ...fixedTerm(16, 32), to: '2027-03-31', seasonalClauseCao: 'recreatie' },
  },
  {
    workerId: 'w-sanne',
    name: 'Sanne Oude Luttikhuis',
    birthDate: '1996-02-03',
    homeArea: 'hengelo',
    skills: ['catering', 'cleaning'],
    availability: perWeek(28),
    targetGroup: targetGroup(8000),
    contract: indefinite(20, 32),
  },
  {
    workerId: 'w-daan',
    name: 'Daan Wessels',
    birthDate: '2001-11-30',
    homeArea: 'enschede',
    skills: ['attraction-operation', 'cleaning', 'forklift'],
    availability: perWeek(40),
    contract: indefinite(24, 40),
  },
  // Femke links small-hour contracts at Taxi Twente and Bolletje into one job.
  {
    workerId: 'w-femke',
    name: 'Femke ter Horst',
    birthDate: '1993-09-09',
    homeArea: 'almelo',
    skills: ['driving-licence-b', 'order-picking', 'production'],
    availability: perWeek(32),
    targetGroup: targetGroup(7500),
    contract: indefinite(24, 32),
  },
  {
    workerId: 'w-gerrit',
    name: 'Gerrit Nijhuis',
    birthDate: '1967-04-22',
    homeArea: 'oldenzaal',
    skills: ['driving-licence-b', 'customer-service'],
    availability: perWeek(20),
    contract: indefinite(12, 24),
  },
  // Bolletje's autumn peak.
  {
    workerId: 'w-noor',
    name: 'Noor Bakker',
    birthDate: '2006-05-17',
    homeArea: 'almelo',
    skills: ['production', 'order-picking'],
    availability: perWeek(32),
    contract: fixedTerm(16, 32),
  },
  {
    workerId: 'w-jeroen',
    name: 'Jeroen Kamphuis',
    birthDate: '1985-01-08',
    homeArea: 'almelo',
    skills: ['forklift', 'order-picking', 'production'],
    availability: perWeek(38),
    contract: fixedTerm(24, 38),
  },
  // Axentgroen's spring peak.
  {
    workerId: 'w-bram',
    name: 'Bram Oosterveld',
    birthDate: '1978-03-03',
    homeArea: 'borne',
    skills: ['green-maintenance', 'driving-licence-b'],
    availability: perWeek(36),
    contract: indefinite(24, 36),
  },
  {
    workerId: 'w-mehmet',
    name: 'Mehmet Demir',
    birthDate: '1990-12-12',
    homeArea: 'enschede',
    skills: ['green-maintenance', 'forklift'],
    availability: perWeek(32),
    targetGroup: targetGroup(7000),
    contract: indefinite(20, 32),
  },
  // The rest of the pool.
  {
    workerId: 'w-anouk',
    name: 'Anouk Smit',
    birthDate: '1999-07-21',
    homeArea: 'enschede',
    skills: ['cleaning', 'customer-service'],
    availability: perWeek(24),
    contract: fixedTerm(16, 32),
  },
  {
    workerId: 'w-bas',
    name: 'Bas Hulshof',
    birthDate: '1982-10-02',
    homeArea: 'hengelo',
    skills: ['forklift', 'order-picking'],
    availability: perWeek(40),
    contract: indefinite(24, 40),
  },
  {
    workerId: 'w-chantal',
    name: 'Chantal Brinkhuis',
    birthDate: '1975-05-30',
    homeArea: 'oldenzaal',
    skills: ['cleaning', 'catering'],
    availability: perWeek(20),
    targetGroup: targetGroup(6000),
    contract: fixedTerm(12, 32),
  },
  {
    workerId: 'w-dennis',
    name: 'Dennis Ter Braak',
    birthDate: '1994-01-19',
    homeArea: 'almelo',
    skills: ['production', 'forklift'],
    availability: perWeek(36),
    contract: fixedTerm(24, 36),
  },
  {
    workerId: 'w-esra',
    name: 'Esra Kaya',
    birthDate: '2006-09-11',
    homeArea: 'enschede',
    skills: ['catering', 'customer-service'],
    availability: perWeek(16),
    contract: fixedTerm(12, 32),
  },
  {
    workerId: 'w-fleur',
    name: 'Fleur Pierik',
    birthDate: '1998-12-05',
    homeArea: 'borne',
    skills: ['green-maintenance', 'attraction-operation'],
    availability: perWeek(32),
    contract: fixedTerm(20, 32),
  },
  {
    workerId: 'w-gijs',
    name: 'Gijs Lenferink',
    birthDate: '1987-08-08',
    homeArea: 'oldenzaal',
    skills: ['driving-licence-b', 'green-maintenance'],
    availability: perWeek(38),
    contract: indefinite(24, 38),
  },
  {
    workerId: 'w-hanneke',
    name: 'Hanneke Jansen',
    birthDate: '1971-03-27',
    homeArea: 'hengelo',
    skills: ['cleaning'],
    availability: perWeek(20),
    targetGroup: targetGroup(6500),
    contract: indefinite(16, 32),
  },
  {
    workerId: 'w-iris',
    name: 'Iris Kuipers',
    birthDate: '2005-04-01',
    homeArea: 'almelo',
    skills: ['order-picking', 'production', 'catering'],
    availability: perWeek(32),
    contract: fixedTerm(16, 32),
  },
  {
    workerId: 'w-joost',
    name: 'Joost Schuurman',
    birthDate: '1992-06-23',
    homeArea: 'enschede',
    skills: ['forklift', 'driving-licence-b'],
    availability: perWeek(40),
    contract: fixedTerm(24, 40),
  },
  {
    workerId: 'w-karin',
    name: 'Karin Wolters',
    birthDate: '1980-11-14',
    homeArea: 'borne',
    skills: ['cleaning', 'catering', 'first-aid'],
    availability: perWeek(28),
    contract: indefinite(20, 32),
  },
  {
    workerId: 'w-luuk',
    name: 'Luuk Veldhuis',
    birthDate: '2003-02-17',
    homeArea: 'hengelo',
    skills: ['attraction-operation', 'catering'],
    availability: perWeek(32),
    contract: fixedTerm(16, 32),
  },
  {
    workerId: 'w-maaike',
    name: 'Maaike Ten Dam',
    birthDate: '1991-09-28',
    homeArea: 'oldenzaal',
    skills: ['order-picking', 'cleaning'],
    availability: byWeekday({ monday: 6, wednesday: 6, friday: 6, saturday: 6 }),
    targetGroup: targetGroup(8500),
    contract: fixedTerm(12, 32),
  },
  {
    workerId: 'w-niels',
    name: 'Niels Boerrigter',
    birthDate: '1986-07-07',
    homeArea: 'enschede',
    skills: ['green-maintenance', 'forklift', 'driving-licence-b'],
    availability: perWeek(36),
    contract: indefinite(24, 36),
  },
  {
    workerId: 'w-olga',
    name: 'Olga Nowak',
    birthDate: '1984-04-04',
    homeArea: 'almelo',
    skills: ['production', 'order-picking', 'cleaning'],
    availability: perWeek(36),
    contract: fixedTerm(24, 36),
  },
  {
    workerId: 'w-pim',
    name: 'Pim Groothuis',
    birthDate: '2007-01-25',
    homeArea: 'borne',
    skills: ['catering', 'attraction-operation'],
    availability: perWeek(20),
    contract: fixedTerm(12, 32),
  },
  {
    workerId: 'w-quinty',
    name: 'Quinty Mulder',
    birthDate: '1997-10-16',
    homeArea: 'hengelo',
    skills: ['customer-service', 'driving-licence-b'],
    availability: perWeek(24),
    contract: fixedTerm(16, 32),
  },
  {
    workerId: 'w-rik',
    name: 'Rik Hendriks',
    birthDate: '1979-12-01',
    homeArea: 'oldenzaal',
    skills: ['forklift', 'production'],
    availability: perWeek(40),
    contract: indefinite(24, 40),
  },
  {
    workerId: 'w-saskia',
    name: 'Saskia Eshuis',
    birthDate: '1988-08-19',
    homeArea: 'enschede',
    skills: ['cleaning', 'catering'],
    availability: perWeek(24),
    targetGroup: targetGroup(7000),
    contract: fixedTerm(16, 32),
  },
  {
    workerId: 'w-thijs',
    name: 'Thijs Roelofs',
    birthDate: '2002-05-09',
    homeArea: 'almelo',
    skills: ['green-maintenance', 'production'],
    availability: perWeek(32),
    contract: fixedTerm(20, 32),
  },
  {
    workerId: 'w-umut',
    name: 'Umut Aydin',
    birthDate: '1995-03-13',
    homeArea: 'hengelo',
    skills: ['driving-licence-b', 'order-picking', 'forklift'],
    availability: perWeek(38),
    contract: indefinite(24, 38),
  },
  {
    workerId: 'w-vera',
    name: 'Vera Scholten',
    birthDate: '1973-06-06',
    homeArea: 'borne',
    skills: ['cleaning', 'first-aid'],
    availability: perWeek(16),
    targetGroup: targetGroup(6000),
    contract: indefinite(12, 32),
  },
  {
    workerId: 'w-wouter',
    name: 'Wouter Klein Gunnewiek',
    birthDate: '1983-02-28',
    homeArea: 'oldenzaal',
    skills: ['green-maintenance', 'driving-licence-b', 'forklift'],
    availability: perWeek(38),
    contract: fixedTerm(24, 38),
  },
  {
    workerId: 'w-xandra',
    name: 'Xandra Bosch',
    birthDate: '2000-09-03',
    homeArea: 'enschede',
    skills: ['catering', 'cleaning', 'attraction-operation'],
    availability: perWeek(28),
    contract: fixedTerm(16, 32),
  },
  {
    workerId: 'w-youssef',
    name: 'Youssef El Amrani',
    birthDate: '1998-01-11',
    homeArea: 'hengelo',
    skills: ['order-picking', 'production', 'driving-licence-b'],
    availability: perWeek(32),
    targetGroup: targetGroup(9000),
    contract: fixedTerm(20, 32),
  },
  {
    workerId: 'w-zoe',
    name: 'Zoë Lammers',
    birthDate: '2006-11-22',
    homeArea: 'almelo',
    skills: ['catering', 'order-picking'],
    availability: perWeek(20),
    contract: fixedTerm(12, 32),
  },
  {
    workerId: 'w-arjen',
    name: 'Arjen Kolkman',
    birthDate: '1969-10-10',
    homeArea: 'borne',
    skills: ['driving-licence-b', 'green-maintenance'],
    availability: perWeek(24),
    contract: indefinite(16, 32),
  },
  {
    workerId: 'w-britt',
    name: 'Britt Harbers',
    birthDate: '1993-04-15',
    homeArea: 'oldenzaal',
    skills: ['cleaning', 'customer-service', 'catering'],
    availability: perWeek(32),
    contract: fixedTerm(20, 32),
  },
  {
    workerId: 'w-cor',
    name: 'Cor Vrielink',
    birthDate: '1977-07-29',
    homeArea: 'enschede',
    skills: ['forklift', 'order-picking', 'production'],
    availability: perWeek(40),
    targetGroup: targetGroup(6500),
    contract: indefinite(24, 40),
  },
  {
    workerId: 'w-dewi',
    name: 'Dewi Pranata',
    birthDate: '2004-12-18',
    homeArea: 'hengelo',
    skills: ['attraction-operation', 'cleaning', 'customer-service'],
    availability: perWeek(24),
    contract: fixedTerm(16, 32),
  },
];

const PARK_SEASON = { from: '2026-04-01', to: '2026-10-31' };
const WINTER = { from: '2026-11-02', to: '2027-03-28' };
const AUTUMN = { from: '2026-09-01', to: '2026-12-31' };
const SPRING = { from: '2027-03-01', to: '2027-06-30' };

const park = (placementId, workerId, functionName, hoursPerWeek, step, capacityRequestId) => ({
  placementId,
  workerId,
  employerId: 'de-waarbeek',
  siteId: 'park',
  functionName,
  legalForm: 'payroll',
  hoursPerWeek,
  period: PARK_SEASON,
  billRateCents: 2950,
  step,
  ...(capacityRequestId ? { capacityRequestId } : {}),
});
const winter = (placementId, workerId, step) => ({
  placementId,
  workerId,
  employerId: 'visschedijk',
  capacityRequestId: 'visschedijk-winter-2026',
  siteId: 'hengelo',
  functionName: 'schoonmaker',
  legalForm: 'payroll',
  hoursPerWeek: 24,
  period: WINTER,
  billRateCents: 3150,
  step,
});

/**
 * Placements in the order they are proposed and confirmed. `step` is the step within the
 * function's CAO scale sent with the confirmation; `expectRefusal` marks the one the pool's hours
 * rule refuses (it is then withdrawn with that reason).
 */
export const placements = [
  // Summer 2026 at the park.
  park('pl-ahmet-waarbeek-2026', 'w-ahmet', 'attractiemedewerker', 32, 2, 'waarbeek-season-2026'),
  park('pl-lotte-waarbeek-2026', 'w-lotte', 'attractiemedewerker', 24, 0, 'waarbeek-season-2026'),
  park('pl-daan-waarbeek-2026', 'w-daan', 'attractiemedewerker', 32, 1, 'waarbeek-season-2026'),
  park('pl-sanne-waarbeek-2026', 'w-sanne', 'horecamedewerker', 28, 1),
  // The park closes on 1 November: the same people clean for Visschedijk through the winter.
  winter('pl-ahmet-visschedijk-winter', 'w-ahmet', 1),
  winter('pl-lotte-visschedijk-winter', 'w-lotte', 0),
  winter('pl-daan-visschedijk-winter', 'w-daan', 1),
  winter('pl-sanne-visschedijk-winter', 'w-sanne', 0),
  // Bolletje's autumn peak.
  {
    placementId: 'pl-noor-bolletje-autumn',
    workerId: 'w-noor',
    employerId: 'bolletje',
    capacityRequestId: 'bolletje-autumn-2026',
    siteId: 'almelo',
    functionName: 'productiemedewerker',
    legalForm: 'payroll',
    hoursPerWeek: 32,
    period: AUTUMN,
    billRateCents: 2900,
    step: 0,
  },
  {
    placementId: 'pl-jeroen-bolletje-autumn',
    workerId: 'w-jeroen',
    employerId: 'bolletje',
    capacityRequestId: 'bolletje-autumn-2026',
    siteId: 'almelo',
    functionName: 'productiemedewerker',
    legalForm: 'payroll',
    hoursPerWeek: 32,
    period: AUTUMN,
    billRateCents: 3000,
    step: 2,
  },
  // Femke: 12 h driving for Taxi Twente + 16 h packing at Bolletje = one 28 h job with the pool.
  {
    placementId: 'pl-femke-taxi-school',
    workerId: 'w-femke',
    employerId: 'taxi-twente',
    capacityRequestId: 'taxi-twente-school-2026',
    siteId: 'hengelo',
    functionName: 'taxichauffeur',
    legalForm: 'secondment',
    hoursPerWeek: 12,
    period: { from: '2026-09-01', to: '2027-06-30' },
    billRateCents: 2800,
    step: 1,
  },
  {
    placementId: 'pl-femke-bolletje-packing',
    workerId: 'w-femke',
    employerId: 'bolletje',
    capacityRequestId: 'bolletje-packing-2026',
    siteId: 'almelo',
    functionName: 'productiemedewerker',
    legalForm: 'payroll',
    hoursPerWeek: 16,
    period: AUTUMN,
    billRateCents: 2900,
    step: 1,
  },
  // A third small contract would take Femke to 36 h a week, over her contract's maximum of 32 h.
  {
    placementId: 'pl-femke-taxi-evening',
    workerId: 'w-femke',
    employerId: 'taxi-twente',
    capacityRequestId: 'taxi-twente-evening-2026',
    siteId: 'hengelo',
    functionName: 'taxichauffeur',
    legalForm: 'secondment',
    hoursPerWeek: 8,
    period: { from: '2026-10-01', to: '2027-03-31' },
    billRateCents: 2800,
    step: 0,
    expectRefusal: 'hours_limit_exceeded',
  },
  {
    placementId: 'pl-gerrit-taxi-weekend',
    workerId: 'w-gerrit',
    employerId: 'taxi-twente',
    capacityRequestId: 'taxi-twente-weekend-2026',
    siteId: 'hengelo',
    functionName: 'chauffeur rolstoelvervoer',
    legalForm: 'secondment',
    hoursPerWeek: 16,
    period: { from: '2026-09-01', to: '2027-06-30' },
    billRateCents: 3100,
    step: 0,
  },
  // Axentgroen's spring peak, planned months ahead.
  {
    placementId: 'pl-bram-axentgroen-spring',
    workerId: 'w-bram',
    employerId: 'axentgroen',
    capacityRequestId: 'axentgroen-spring-2027',
    siteId: 'borne',
    functionName: 'groenmedewerker',
    legalForm: 'secondment',
    hoursPerWeek: 32,
    period: SPRING,
    billRateCents: 3200,
    step: 2,
  },
  {
    placementId: 'pl-mehmet-axentgroen-spring',
    workerId: 'w-mehmet',
    employerId: 'axentgroen',
    capacityRequestId: 'axentgroen-spring-2027',
    siteId: 'borne',
    functionName: 'groenmedewerker',
    legalForm: 'secondment',
    hoursPerWeek: 32,
    period: SPRING,
    billRateCents: 3000,
    step: 0,
  },
];

/** Workers who moved from the park's CAO to the cleaning CAO: the demo prints both resolved wages. */
export const moves = [
  { workerId: 'w-ahmet', from: 'pl-ahmet-waarbeek-2026', to: 'pl-ahmet-visschedijk-winter' },
  { workerId: 'w-lotte', from: 'pl-lotte-waarbeek-2026', to: 'pl-lotte-visschedijk-winter' },
];

// ---------------------------------------------------------------------------------------------
// Payroll: the winter's hours, their approval, pay runs and a retroactive CAO correction.

/**
 * The minimum wage after 30 June 2026 was not published when the demo was written: these periods
 * are ILLUSTRATIVE (made up, and titled so in their source), published so that the pay runs of
 * November 2026 to January 2027 have a minimum wage to hold every day's wage against.
 */
const statutoryYouthBp = { 15: 3000, 16: 3450, 17: 3950, 18: 5000, 19: 6000, 20: 8000 };
const illustrativeMinimumWage = (effectiveFrom, effectiveUntil, adultHourlyCents) => ({
  effectiveFrom,
  effectiveUntil,
  values: { adultHourlyCents, adultAge: 21, youthBp: statutoryYouthBp },
  source: {
    title: 'Illustrative figure for the Banenpool demo, not the published minimum wage',
    url: 'https://www.rijksoverheid.nl/onderwerpen/minimumloon',
  },
});
export const minimumWagePeriods = [
  illustrativeMinimumWage('2026-07-01', '2026-12-31', 1500),
  illustrativeMinimumWage('2027-01-01', '2027-06-30', 1540),
];

/** The ISO weeks whose hours are registered: 2 November to 27 December 2026, eight weeks. */
export const HOURS_WEEKS = ['2026-W45', '2026-W46', '2026-W47', '2026-W48', '2026-W49', '2026-W50', '2026-W51', '2026-W52'];

/** The pay runs, by the pool's kind of pay period (its PAY_PERIOD setting); the last one is left open. */
export const payRunPeriods = {
  four_weeks: ['2026-P12', '2026-P13', '2027-P01'],
  month: ['2026-11', '2026-12', '2027-01'],
};

const DAY_SHIFT = { start: '07:00', end: '15:30', breakMinutes: 30 };

/** Who works which weekdays (0 = Monday) on which placement, every week: 24 h a week at Visschedijk, Femke's 12 h + 16 h. */
export const workPatterns = [
  { placementId: 'pl-ahmet-visschedijk-winter', weekdays: [0, 1, 2], ...DAY_SHIFT },
  { placementId: 'pl-lotte-visschedijk-winter', weekdays: [0, 1, 3], ...DAY_SHIFT },
  { placementId: 'pl-daan-visschedijk-winter', weekdays: [1, 2, 3], ...DAY_SHIFT },
  { placementId: 'pl-sanne-visschedijk-winter', weekdays: [0, 2, 3], ...DAY_SHIFT },
  // Femke's linked job: school runs for Taxi Twente in the morning, packing at Bolletje on Monday and Tuesday afternoon.
  { placementId: 'pl-femke-taxi-school', weekdays: [0, 1, 2, 3], start: '07:00', end: '10:00', breakMinutes: 0 },
  { placementId: 'pl-femke-bolletje-packing', weekdays: [0, 1], start: '11:00', end: '19:30', breakMinutes: 30 },
];

/** The sheet the hirer rejects: registered as the pattern says, corrected by the pool as the hirer says. */
export const rejectedSheet = {
  placementId: 'pl-daan-visschedijk-winter',
  week: '2026-W47',
  reason: 'Daan worked Friday 20 November, not Thursday 19 November',
  correctedWeekdays: [1, 2, 4],
  correction: 'Thursday 19 November moved to Friday 20 November, as the hirer says',
};

const schoonmaak2026 = caos.find((cao) => cao.code === 'schoonmaak').version.content;

/**
 * Visschedijk's CAO raises its wages from 16 November 2026 (illustrative). The pool registers the
 * new version before the pay runs, but with scale A at the old figures by mistake; once November
 * and December are paid, the correction gives scale A its 3 % too, and the next run pays the
 * difference for the days from 16 November only.
 */
export const caoWageIncrease = {
  code: 'schoonmaak',
  effectiveFrom: '2026-11-16',
  content: { ...schoonmaak2026, wageScales: { ...schoonmaak2026.wageScales, B: [1658, 1700, 1746], C: [1772, 1828] } },
  correctedScaleA: [1571, 1607, 1646],
  reason: 'Scale A was registered at the old figures; the wage agreement of 16 November raises it by 3 % too (illustrative)',
};

// ---------------------------------------------------------------------------------------------
// Invoicing and the wage-cost subsidy: the rates agreed with the hirers, the payment the pool records,
// and the municipality's wage-value decision for a target-group worker (all illustrative).

/** The day the winter rates start: the first day of the winter placements' hours. */
const RATES_FROM = '2026-11-01';

/**
 * Per hirer one agreement for every placement: a factor on the gross wage of the day (it follows a
 * wage rise on its day, the CAO correction included) or a fixed amount an hour. Visschedijk pays a
 * quarter of each invoice to the pool's G-account (chain liability).
 */
export const rateAgreements = [
  { employerId: 'de-waarbeek', agreementId: 'de-waarbeek-2026-11', factorBp: 18_000 },
  { employerId: 'visschedijk', agreementId: 'visschedijk-2026-11', factorBp: 18_500, gAccountShareBp: 2_500 },
  { employerId: 'bolletje', agreementId: 'bolletje-2026-11', factorBp: 17_500 },
  { employerId: 'axentgroen', agreementId: 'axentgroen-2026-11', factorBp: 18_000 },
  { employerId: 'taxi-twente', agreementId: 'taxi-twente-2026-11', hourlyCents: 3_100 },
].map(({ employerId, agreementId, factorBp, hourlyCents, gAccountShareBp = 0 }) => ({
  employerId,
  terms: {
    agreementId,
    scope: { kind: 'employer' },
    from: RATES_FROM,
    rate: factorBp ? { kind: 'factor', factorBp } : { kind: 'fixed', hourlyCents },
    gAccountShareBp,
    reason: 'Winter rates 2026-2027 (illustrative)',
  },
}));

/**
 * A fixed rate Taxi Twente proposes for Gerrit's wheelchair transport: below the cost price of his
 * hour (wage, holiday allowance, employer charges), so it is refused with 422 rate_below_cost. Its own
 * scope (one placement), so that no agreement above ever overlaps it and a rerun is refused the same way.
 */
export const belowCostRate = {
  employerId: 'taxi-twente',
  terms: {
    agreementId: 'taxi-twente-gerrit-low',
    scope: { kind: 'placement', placementId: 'pl-gerrit-taxi-weekend' },
    from: RATES_FROM,
    rate: { kind: 'fixed', hourlyCents: 1_800 },
    reason: 'Proposed by the hirer for the weekend wheelchair transport',
  },
};

/** The hirer that pays its invoice of the first period in full, the G-account share to the G-account. */
export const PAYING_HIRER = 'visschedijk';

/**
 * The municipality's wage-value decision for Sanne, a target-group worker (wage value 80 % in the
 * register) who cleans at Visschedijk through the winter: her CAO wage is above the minimum wage and
 * rises from 16 November, so her claim for November has two stretches of days.
 */
const sanne = workers.find((worker) => worker.workerId === 'w-sanne');
export const wageValueDecision = {
  workerId: sanne.workerId,
  decision: {
    municipality: sanne.homeArea,
    wageValueBp: sanne.targetGroup.wageValueBp,
    from: RATES_FROM,
    reassessOn: '2027-10-01',
    reference: 'Beschikking 2026/1187 (illustrative)',
  },
};

/** The month claimed: paid by finalized runs in both kinds of pay period, and with the CAO correction in it. */
export const LKS_MONTH = '2026-11';
