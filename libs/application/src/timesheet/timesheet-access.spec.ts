import { ForbiddenException, NotFoundException } from '@nestjs/common';
import { approverOf, sheetNamed } from './timesheet-access.js';

describe('who approves a timesheet', () => {
  it('is the placement’s own hirer, recorded as itself', () => {
    expect(approverOf({ label: 'employer:planning@visschedijk', employerId: 'visschedijk' }, 'visschedijk')).toEqual({
      by: 'employer:planning@visschedijk',
    });
  });

  it('is an operator on the hirer’s behalf, recorded as such', () => {
    expect(approverOf({ label: 'operator:anna' }, 'visschedijk')).toEqual({ by: 'operator:anna', onBehalfOf: 'visschedijk' });
  });

  it('is never another employer', () => {
    expect(() => approverOf({ label: 'employer:demo@waarbeek', employerId: 'waarbeek' }, 'visschedijk')).toThrow(ForbiddenException);
  });
});

describe('a timesheet id', () => {
  it('names a placement and an ISO week', () => {
    expect(sheetNamed('pl-anna-winter-2027-W03')).toEqual({
      timesheetId: 'pl-anna-winter-2027-W03',
      placementId: 'pl-anna-winter',
      week: '2027-W03',
    });
  });

  it('of another shape names no sheet', () => {
    for (const id of ['pl-anna', '2027-W03', 'pl-anna-2027-w03', 'pl-anna-2027-W3'])
      expect(() => sheetNamed(id)).toThrow(NotFoundException);
  });
});
