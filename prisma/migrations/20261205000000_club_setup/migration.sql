-- The club's own settings, set at its first-hour setup and by its admins: one row at most.
CREATE TABLE "club_settings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "name" TEXT NOT NULL,
    "join_code" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "club_settings_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "club_settings_one_row" CHECK ("id" = 1)
);

-- One-time setup codes, logged at a start while the club has no admin; keyed hashes only.
CREATE TABLE "setup_codes" (
    "code_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "setup_codes_pkey" PRIMARY KEY ("code_hash")
);
