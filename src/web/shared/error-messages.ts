// What a person reads for each error the API can answer: Korean, and what to do next. The server's
// own messages are English and never shown; neither is a code.

export interface ApiError {
  code: string;
  field?: string;
  distanceMeters?: number;
  radiusMeters?: number;
  retryAfterSeconds?: number;
}

/** The inputs' names as people see them, for BAD_USER_INPUT's `field`. */
const FIELD_LABELS: Record<string, string> = {
  loginId: '아이디(영문 소문자·숫자·._- 4~32자)',
  password: '비밀번호(8~128자)',
  newPassword: '새 비밀번호(8~128자)',
  currentPassword: '현재 비밀번호',
  name: '이름(1~50자)',
  phone: '전화번호(숫자 9~15자리, - 가능)',
  gender: '성별',
  joinCode: '가입 코드',
  code: '재설정 코드',
  reason: '사유(1~500자)',
  latitude: '위치',
  longitude: '위치',
  accuracyMeters: '위치 정확도',
  title: '경기 이름(1~100자)',
  description: '설명',
  address: '주소',
  fee: '회비(0원 이상)',
  startsAt: '시작 시각',
  endsAt: '종료 시각(시작보다 뒤)',
  points: '벌점(1 이상)',
  note: '메모',
  status: '상태',
  role: '역할',
  memberIds: '참가자',
  memberId: '회원',
  clubName: '클럽 이름(1~40자)',
  setupCode: '설정 코드',
  rows: '명단(한 번에 500명까지)',
};

export const meters = (value: number) => `${Math.round(value).toLocaleString('ko-KR')}m`;

const SERVER_TROUBLE = '서버가 잠시 응답하지 못했습니다. 잠시 뒤에 다시 시도하세요.';
const TOO_BIG = '요청이 너무 큽니다. 페이지를 새로 고친 뒤 다시 시도하세요.';

const MESSAGES: Record<string, (error: ApiError) => string> = {
  UNAUTHENTICATED: () => '로그인이 만료되었습니다. 다시 로그인하세요.',
  FORBIDDEN: () => '이 일을 할 권한이 없습니다. 필요하면 운영진에게 문의하세요.',
  BAD_USER_INPUT: ({ field }) => `${(field && FIELD_LABELS[field]) || '입력한 값'}을(를) 확인하고 다시 입력하세요.`,
  NOT_FOUND: () => '찾을 수 없습니다. 지워졌을 수 있으니 홈에서 다시 확인하세요.',
  LOGIN_ID_TAKEN: () => '이미 쓰이는 아이디입니다. 다른 아이디를 입력하세요.',
  INVALID_CREDENTIALS: () => '아이디 또는 비밀번호가 맞지 않습니다. 다시 확인하세요.',
  INVALID_JOIN_CODE: () => '가입 코드가 맞지 않습니다. 운영진에게 받은 코드를 확인하세요.',
  TOO_MANY_ATTEMPTS: ({ retryAfterSeconds }) => `시도가 너무 많습니다. ${Math.ceil((retryAfterSeconds ?? 60) / 60)}분 뒤에 다시 시도하세요.`,
  NOT_A_PARTICIPANT: () => '이 경기의 참가자가 아닙니다. 참가하려면 운영진에게 문의하세요.',
  CHECK_IN_NOT_OPEN: () => '아직 출석 체크 시간이 아닙니다. 경기 시작 전 체크 시간에 다시 시도하세요.',
  CHECK_IN_CLOSED: () => '출석 체크가 마감되었습니다. 사정이 있었다면 운영진에게 문의하세요.',
  OUT_OF_RANGE: ({ distanceMeters, radiusMeters }) =>
    `경기장에서 ${meters(distanceMeters ?? 0)} 떨어져 있습니다. 경기장 ${meters(radiusMeters ?? 400)} 안에서 다시 시도하세요.`,
  LOCATION_TOO_INACCURATE: () => '위치가 정확하지 않습니다. 정확한 위치(GPS)를 켜고 트인 곳에서 다시 시도하세요.',
  ALREADY_CHECKED_IN: () => '이미 출석 체크했습니다.',
  PAYMENT_NOT_REQUIRED: () => '이 경기는 회비가 없습니다.',
  PAYMENT_ALREADY_REQUESTED: () => '이미 납부 확인을 요청했습니다. 운영진의 확인을 기다리세요.',
  ALREADY_PAID: () => '이미 납부가 확인되었습니다.',
  INVALID_RESET_CODE: () => '아이디 또는 재설정 코드가 맞지 않거나 만료되었습니다. 운영진에게 새 코드를 받으세요.',
  ACCOUNT_INACTIVE: () => '비활성 계정입니다. 운영진에게 문의하세요.',
  ABSENCE_DEADLINE_PASSED: () => '불참 신고 마감이 지났습니다. 운영진에게 직접 알려 주세요.',
  ABSENCE_ALREADY_SUBMITTED: () => '이미 이 경기에 불참 신고를 했습니다.',
  NO_PENDING_ABSENCE: () => '철회할 불참 신고가 없습니다. 화면을 새로 고쳐 확인하세요.',
  ADDRESS_NOT_FOUND: () => '주소를 지도에서 찾지 못했습니다. 도로명 주소나 장소 이름을 더 정확히 입력하세요. 저장되지 않았습니다.',
  GEOCODING_UNAVAILABLE: () => '지도 서비스가 잠시 응답하지 않습니다. 잠시 뒤에 다시 저장하세요. 저장되지 않았습니다.',
  AUDIENCE_MISMATCH: () => '이 경기의 대상(성별)에 맞지 않는 회원이 있습니다. 목록을 새로 고쳐 다시 고르세요.',
  PAYMENT_NOT_REQUESTED: () => '이 회원은 아직 납부 확인을 요청하지 않았습니다.',
  ALREADY_REVOKED: () => '이미 취소된 벌점입니다.',
  SEASON_OVERLAP: () => '다른 시즌과 기간이 겹칩니다. 기간을 고쳐 다시 저장하세요.',
  MEMBER_INACTIVE: () => '비활성 회원입니다. 먼저 상태를 활성으로 바꾸세요.',
  INVALID_SETUP_CODE: () => '설정 코드가 맞지 않거나 만료되었습니다. 서버 로그의 "Setup code"를 확인하세요(서버를 다시 시작하면 새 코드가 나옵니다).',
  PUSH_ENDPOINT_REFUSED: () => '이 브라우저의 알림 주소를 쓸 수 없습니다. 다른 브라우저(Chrome, Safari, Firefox)에서 알림을 켜 보세요.',
  TOO_MANY_SUBSCRIPTIONS: () => '실시간 연결이 너무 많습니다. 열어 둔 경기 화면을 몇 개 닫으세요.',
  DATABASE_UNAVAILABLE: () => SERVER_TROUBLE,
  REQUEST_TIMEOUT: () => SERVER_TROUBLE,
  INTERNAL_SERVER_ERROR: () => SERVER_TROUBLE,
  QUERY_TOO_LARGE: () => TOO_BIG,
  TOO_MANY_DIRECTIVES: () => TOO_BIG,
  TOO_MANY_ALIASES: () => TOO_BIG,
  TOO_MANY_FIELDS: () => TOO_BIG,
  QUERY_TOO_DEEP: () => TOO_BIG,
  QUERY_TOO_COSTLY: () => TOO_BIG,
  /** No answer at all: the phone is offline or the server is down. */
  NETWORK: () => '서버에 연결하지 못했습니다. 인터넷 연결을 확인하고 다시 시도하세요.',
};

export function messageFor(error: ApiError): string {
  return (MESSAGES[error.code] ?? (() => '요청을 처리하지 못했습니다. 잠시 뒤에 다시 시도하세요.'))(error);
}
