-- CreateEnum
CREATE TYPE "AbsenceStatus" AS ENUM ('PENDING', 'APPROVED', 'DECLINED');

-- CreateTable
CREATE TABLE "absence_notices" (
    "participation_id" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "AbsenceStatus" NOT NULL DEFAULT 'PENDING',
    "submitted_at" TIMESTAMPTZ(3) NOT NULL,
    "reviewed_at" TIMESTAMPTZ(3),
    "review_note" TEXT,
    "reviewed_by_id" TEXT,

    CONSTRAINT "absence_notices_pkey" PRIMARY KEY ("participation_id")
);

-- CreateIndex (pendingAbsences: the PENDING ones, oldest first)
CREATE INDEX "absence_notices_status_submitted_at_idx" ON "absence_notices"("status", "submitted_at");

-- AddForeignKey
ALTER TABLE "absence_notices" ADD CONSTRAINT "absence_notices_participation_id_fkey" FOREIGN KEY ("participation_id") REFERENCES "participations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "absence_notices" ADD CONSTRAINT "absence_notices_reviewed_by_id_fkey" FOREIGN KEY ("reviewed_by_id") REFERENCES "members"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AlterTable (a reminder is worth nothing once its match has started)
ALTER TABLE "outbox_messages" ADD COLUMN "expires_at" TIMESTAMPTZ(3);
