import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { ProposePlacementDto } from './placement.dto.js';

const body = {
  placementId: 'pl-anna',
  workerId: 'w-anna',
  employerId: 'visschedijk',
  siteId: 'hengelo',
  functionName: 'schoonmaker',
  legalForm: 'payroll',
  hoursPerWeek: 16,
  period: { from: '2026-11-02', to: '2027-03-28' },
};

/** The paths of the invalid properties, nested ones as `pattern.monday.start`. */
function invalidPaths(plain: object): string[] {
  const paths = (errors: ValidationError[], prefix: string): string[] =>
    errors.flatMap((e) => (e.children?.length ? paths(e.children, `${prefix}${e.property}.`) : [`${prefix}${e.property}`]));
  return paths(validateSync(plainToInstance(ProposePlacementDto, plain), { whitelist: true, forbidNonWhitelisted: true }), '');
}

describe('the pattern of a proposed placement', () => {
  it('may be left out, or give hours per weekday with times', () => {
    expect(invalidPaths(body)).toEqual([]);
    expect(invalidPaths({ ...body, pattern: { monday: { hours: 8, start: '22:00', end: '06:30' }, friday: { hours: 8 } } })).toEqual([]);
  });

  it.each([
    ['a day that is no weekday', { someday: { hours: 8 } }, 'pattern.someday'],
    ['hours that are not quarters', { monday: { hours: 8.1 } }, 'pattern.monday.hours'],
    ['more than 24 hours on a day', { monday: { hours: 25 } }, 'pattern.monday.hours'],
    ['a time that is no clock time', { monday: { hours: 8, start: '8:00', end: '16:00' } }, 'pattern.monday.start'],
    ['a day that is no object', { monday: 8 }, 'pattern.monday'],
  ])('refuses %s (400)', (_, pattern, path) => {
    expect(invalidPaths({ ...body, pattern })).toEqual([path]);
  });
});
