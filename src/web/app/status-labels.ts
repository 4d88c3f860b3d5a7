// How statuses read in Korean.
import type { AbsenceStatus, AttendanceStatus, MemberStanding, PaymentStatus, PenaltyReason } from '../gql/graphql';

export const ATTENDANCE_LABELS: Record<AttendanceStatus, string> = {
  PENDING: '출석 전',
  ATTENDED: '출석',
  LATE: '지각',
  ABSENT: '결석',
  EXCUSED: '공결',
};

export const PAYMENT_LABELS: Record<PaymentStatus, string> = {
  NOT_REQUIRED: '회비 없음',
  UNPAID: '미납',
  AWAITING_CONFIRMATION: '납부 확인 중',
  PAID: '납부 완료',
};

export const ABSENCE_LABELS: Record<AbsenceStatus, string> = {
  PENDING: '불참 신고 검토 중',
  APPROVED: '불참 승인됨',
  DECLINED: '불참 반려됨',
};

export const STANDING_LABELS: Record<MemberStanding, string> = {
  GOOD: '양호',
  WARNED: '경고',
  EXPULSION_THRESHOLD: '제명 기준 도달',
};

export const PENALTY_REASON_LABELS: Record<PenaltyReason, string> = {
  ABSENT: '결석',
  LATE: '지각',
  UNPAID: '회비 미납',
  MANUAL: '운영진 부과',
};
