import { automaticPenaltiesFor, standingOf } from '../../src/modules/penalties/penalty-rules';

const policy = { absentPoints: 3, latePoints: 1, unpaidPoints: 1, pointsPerWarning: 3, expulsionWarnings: 2 };

describe('automaticPenaltiesFor', () => {
  it.each([
    ['ABSENT', 'UNPAID', 5000, [['ABSENT', 3]]],
    ['ABSENT', 'PAID', 5000, [['ABSENT', 3]]],
    ['LATE', 'UNPAID', 5000, [['LATE', 1], ['UNPAID', 1]]],
    ['LATE', 'AWAITING_CONFIRMATION', 5000, [['LATE', 1]]],
    ['LATE', 'NOT_REQUIRED', 0, [['LATE', 1]]],
    ['ATTENDED', 'UNPAID', 5000, [['UNPAID', 1]]],
    ['ATTENDED', 'PAID', 5000, []],
    ['ATTENDED', 'AWAITING_CONFIRMATION', 5000, []],
    ['EXCUSED', 'UNPAID', 5000, []],
    ['PENDING', 'NOT_REQUIRED', 0, []],
  ] as const)('%s and %s with fee %d earn %j', (attendance, payment, fee, expected) => {
    expect(automaticPenaltiesFor({ attendance, payment }, fee, policy).map((p) => [p.reason, p.points])).toEqual(expected);
  });

  it('takes its points from the policy, and issues nothing worth 0', () => {
    const lenient = { ...policy, absentPoints: 5, unpaidPoints: 0 };
    expect(automaticPenaltiesFor({ attendance: 'ABSENT', payment: 'UNPAID' }, 1, lenient)).toEqual([{ reason: 'ABSENT', points: 5 }]);
    expect(automaticPenaltiesFor({ attendance: 'ATTENDED', payment: 'UNPAID' }, 1, lenient)).toEqual([]);
  });
});

describe('standingOf', () => {
  it.each([
    [0, 0, 'GOOD'],
    [2, 0, 'GOOD'],
    [3, 1, 'WARNED'],
    [5, 1, 'WARNED'],
    [6, 2, 'EXPULSION_THRESHOLD'],
    [30, 10, 'EXPULSION_THRESHOLD'],
  ])('%d active points: %d warnings, %s', (points, warningCount, standing) => {
    expect(standingOf(points, policy)).toEqual({ warningCount, standing });
  });
});
