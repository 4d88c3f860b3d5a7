-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('MEMBER', 'ADMIN');

-- CreateEnum
CREATE TYPE "Gender" AS ENUM ('MALE', 'FEMALE');

-- CreateEnum
CREATE TYPE "Audience" AS ENUM ('MALE', 'FEMALE', 'ALL');

-- CreateEnum
CREATE TYPE "AttendanceStatus" AS ENUM ('PENDING', 'ATTENDED', 'LATE', 'ABSENT', 'EXCUSED');

-- CreateEnum
CREATE TYPE "PaymentStatus" AS ENUM ('NOT_REQUIRED', 'UNPAID', 'AWAITING_CONFIRMATION', 'PAID');

-- CreateEnum
CREATE TYPE "PenaltyReason" AS ENUM ('ABSENT', 'LATE', 'UNPAID', 'MANUAL');

-- CreateEnum
CREATE TYPE "CheckInOutcome" AS ENUM ('ATTENDED', 'LATE', 'NOT_A_PARTICIPANT', 'CHECK_IN_NOT_OPEN', 'CHECK_IN_CLOSED', 'OUT_OF_RANGE', 'LOCATION_TOO_INACCURATE', 'ALREADY_CHECKED_IN');

-- CreateEnum
CREATE TYPE "LoginOutcome" AS ENUM ('SUCCEEDED', 'FAILED', 'THROTTLED');

-- CreateTable
CREATE TABLE "members" (
    "id" TEXT NOT NULL,
    "login_id" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "phone" TEXT,
    "gender" "Gender" NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'MEMBER',
    "calendar_token_hash" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "members_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "events" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "address" TEXT NOT NULL,
    "latitude" DOUBLE PRECISION NOT NULL,
    "longitude" DOUBLE PRECISION NOT NULL,
    "audience" "Audience" NOT NULL,
    "fee" INTEGER NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "settled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "participations" (
    "id" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "member_id" TEXT NOT NULL,
    "attendance" "AttendanceStatus" NOT NULL DEFAULT 'PENDING',
    "attendance_note" TEXT,
    "checked_in_at" TIMESTAMPTZ(3),
    "check_in_distance_meters" DOUBLE PRECISION,
    "payment" "PaymentStatus" NOT NULL,
    "payment_requested_at" TIMESTAMPTZ(3),
    "payment_confirmed_at" TIMESTAMPTZ(3),
    "payment_reject_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "participations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "penalties" (
    "id" TEXT NOT NULL,
    "member_id" TEXT NOT NULL,
    "event_id" TEXT,
    "reason" "PenaltyReason" NOT NULL,
    "points" INTEGER NOT NULL,
    "note" TEXT,
    "issued_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),
    "revoke_reason" TEXT,
    "revoked_by_id" TEXT,

    CONSTRAINT "penalties_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "check_in_attempts" (
    "id" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "member_id" TEXT NOT NULL,
    "latitude" DOUBLE PRECISION NOT NULL,
    "longitude" DOUBLE PRECISION NOT NULL,
    "accuracy_meters" DOUBLE PRECISION,
    "distance_meters" DOUBLE PRECISION,
    "outcome" "CheckInOutcome" NOT NULL,
    "attempted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "check_in_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "login_attempts" (
    "id" TEXT NOT NULL,
    "login_id" TEXT NOT NULL,
    "outcome" "LoginOutcome" NOT NULL,
    "client_address" TEXT,
    "attempted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "login_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "members_login_id_key" ON "members"("login_id");

-- CreateIndex
CREATE UNIQUE INDEX "members_calendar_token_hash_key" ON "members"("calendar_token_hash");

-- CreateIndex
CREATE INDEX "members_gender_idx" ON "members"("gender");

-- CreateIndex
CREATE INDEX "events_starts_at_id_idx" ON "events"("starts_at", "id");

-- CreateIndex
CREATE INDEX "events_settled_at_ends_at_idx" ON "events"("settled_at", "ends_at");

-- CreateIndex
CREATE INDEX "participations_member_id_idx" ON "participations"("member_id");

-- CreateIndex
CREATE INDEX "participations_payment_event_id_idx" ON "participations"("payment", "event_id");

-- CreateIndex
CREATE UNIQUE INDEX "participations_event_id_member_id_key" ON "participations"("event_id", "member_id");

-- CreateIndex
CREATE INDEX "penalties_member_id_revoked_at_idx" ON "penalties"("member_id", "revoked_at");

-- CreateIndex
CREATE INDEX "penalties_event_id_idx" ON "penalties"("event_id");

-- CreateIndex
CREATE INDEX "check_in_attempts_event_id_member_id_idx" ON "check_in_attempts"("event_id", "member_id");

-- CreateIndex
CREATE INDEX "check_in_attempts_member_id_idx" ON "check_in_attempts"("member_id");

-- CreateIndex
CREATE INDEX "login_attempts_login_id_attempted_at_idx" ON "login_attempts"("login_id", "attempted_at");

-- AddForeignKey
ALTER TABLE "participations" ADD CONSTRAINT "participations_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "participations" ADD CONSTRAINT "participations_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "penalties" ADD CONSTRAINT "penalties_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "penalties" ADD CONSTRAINT "penalties_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "penalties" ADD CONSTRAINT "penalties_issued_by_id_fkey" FOREIGN KEY ("issued_by_id") REFERENCES "members"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "penalties" ADD CONSTRAINT "penalties_revoked_by_id_fkey" FOREIGN KEY ("revoked_by_id") REFERENCES "members"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "check_in_attempts" ADD CONSTRAINT "check_in_attempts_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "check_in_attempts" ADD CONSTRAINT "check_in_attempts_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- CreateIndex (by hand: Prisma's schema language has no partial unique index)
-- At most one active automatic penalty per event, member and reason: what makes settlement exactly-once.
CREATE UNIQUE INDEX "penalties_active_automatic_key" ON "penalties"("event_id", "member_id", "reason") WHERE "revoked_at" IS NULL AND "reason" <> 'MANUAL';
