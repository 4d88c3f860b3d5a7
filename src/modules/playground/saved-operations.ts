import { formatInTimeZone } from '../../clock/time-zone';

/** A tab the playground opens with: an admin's daily task, ready to run. */
export interface SavedOperation {
  query: string;
  variables?: string;
}

const ME = `# pitchside 플레이그라운드
# 위의 로그인 양식으로 로그인하면 모든 요청에 토큰이 붙습니다(로그아웃하거나 만료될 때까지).
# 탭마다 운영진의 일상 업무가 준비되어 있습니다. 실행: Ctrl-Enter
query Me {
  me {
    id
    loginId
    name
    role
  }
}
`;

const CREATE_MATCH = `# 경기 만들기: 주소는 지오코딩됩니다(latitude/longitude를 주면 그 좌표를 씁니다).
mutation CreateMatch($input: CreateEventInput!) {
  createEvent(input: $input) {
    id
    title
    address
    latitude
    longitude
    audience
    fee
    startsAt
    endsAt
  }
}
`;

const ADD_PARTICIPANTS = `# 참가자 추가: 먼저 EligibleMembers로 후보를 보고, 그 id들을 memberIds에 넣어 AddParticipants를 실행합니다.
query EligibleMembers($eventId: ID!) {
  eligibleMembers(eventId: $eventId) {
    id
    name
    loginId
    gender
  }
}

mutation AddParticipants($eventId: ID!, $memberIds: [ID!]!) {
  addParticipants(eventId: $eventId, memberIds: $memberIds) {
    member {
      name
    }
    attendance
    payment
  }
}
`;

const PAYMENTS = `# 입금 확인: 확인 대기 중인 입금을 보고, 확인하거나 되돌립니다.
query PendingPayments {
  pendingPayments {
    event {
      id
      title
      startsAt
      fee
    }
    member {
      id
      name
      loginId
    }
    paymentRequestedAt
  }
}

mutation ConfirmPayment($eventId: ID!, $memberId: ID!) {
  confirmPayment(eventId: $eventId, memberId: $memberId) {
    member {
      name
    }
    payment
    paymentConfirmedAt
  }
}

mutation RejectPayment($eventId: ID!, $memberId: ID!, $reason: String) {
  rejectPayment(eventId: $eventId, memberId: $memberId, reason: $reason) {
    member {
      name
    }
    payment
  }
}
`;

const ABSENCES = `# 불참 사유 심사: 승인하면 그 회원은 공결(EXCUSED)이 됩니다.
query PendingAbsences {
  pendingAbsences {
    event {
      id
      title
      startsAt
    }
    member {
      id
      name
      loginId
    }
    absenceNotice {
      reason
      submittedAt
    }
  }
}

mutation ReviewAbsence($eventId: ID!, $memberId: ID!, $approve: Boolean!, $note: String) {
  reviewAbsence(eventId: $eventId, memberId: $memberId, approve: $approve, note: $note) {
    member {
      name
    }
    attendance
    absenceNotice {
      status
      reviewedAt
      reviewNote
    }
  }
}
`;

const SEASON_REPORT = `# 시즌 리포트: Seasons로 시즌 id를 찾고 SeasonReport에 넣습니다(비우면 현재 시즌의 벌점, 전체 기간의 출석).
query Seasons {
  seasons {
    id
    name
    startsAt
    endsAt
    current
  }
}

query SeasonReport($seasonId: ID) {
  attendanceReport(seasonId: $seasonId) {
    eventCount
    attendanceRate
    participationRate
    events {
      event {
        title
        startsAt
      }
      eligible
      participants
      attended
      late
      absent
      excused
    }
    members {
      member {
        name
        loginId
        penaltyPoints(seasonId: $seasonId)
        warningCount(seasonId: $seasonId)
        standing(seasonId: $seasonId)
      }
      stats {
        attended
        late
        absent
        excused
        attendanceRate
      }
    }
  }
}
`;

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** The playground's opening tabs; the example match is a week from `now`, 10:00 to 12:00 club time. */
export function savedOperations(now: Date, timeZone: string): SavedOperation[] {
  const nextWeek = formatInTimeZone(new Date(now.getTime() + 7 * 24 * 3600 * 1000), timeZone);
  const [day, offset] = [nextWeek.slice(0, 10), nextWeek.slice(-6)];
  return [
    { query: ME },
    {
      query: CREATE_MATCH,
      variables: json({
        input: {
          title: '정기 경기',
          address: '서울특별시 관악구 관악로 1',
          audience: 'ALL',
          fee: 5000,
          startsAt: `${day}T10:00:00${offset}`,
          endsAt: `${day}T12:00:00${offset}`,
        },
      }),
    },
    { query: ADD_PARTICIPANTS, variables: json({ eventId: '', memberIds: [] }) },
    { query: PAYMENTS, variables: json({ eventId: '', memberId: '', reason: null }) },
    { query: ABSENCES, variables: json({ eventId: '', memberId: '', approve: true, note: null }) },
    { query: SEASON_REPORT, variables: json({ seasonId: null }) },
  ];
}
