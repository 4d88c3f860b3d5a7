-- Live updates (src/modules/live): every change to a participation or its absence notice, by any
-- instance, tells every instance "<event id>:<participation id>" as it commits; each instance reads
-- the row again for its own subscribers.
CREATE FUNCTION notify_participation_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('participation_changed', NEW.event_id || ':' || NEW.id);
  RETURN NULL;
END
$$;

CREATE TRIGGER participations_notify_changed
  AFTER INSERT OR UPDATE ON participations
  FOR EACH ROW EXECUTE FUNCTION notify_participation_changed();

CREATE FUNCTION notify_absence_notice_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('participation_changed', p.event_id || ':' || p.id)
     FROM participations p WHERE p.id = NEW.participation_id;
  RETURN NULL;
END
$$;

CREATE TRIGGER absence_notices_notify_changed
  AFTER INSERT OR UPDATE ON absence_notices
  FOR EACH ROW EXECUTE FUNCTION notify_absence_notice_changed();

-- The outbox now has two deliverers: the club webhook and Web Push.
ALTER TABLE "outbox_messages" ADD COLUMN "channel" TEXT NOT NULL DEFAULT 'webhook';
DROP INDEX "outbox_messages_next_attempt_at_idx";
CREATE INDEX "outbox_messages_channel_next_attempt_at_idx" ON "outbox_messages"("channel", "next_attempt_at");

-- Browsers that receive a member's notifications.
CREATE TABLE "push_subscriptions" (
    "id" TEXT NOT NULL,
    "member_id" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "p256dh" TEXT NOT NULL,
    "auth" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "push_subscriptions_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "push_subscriptions_endpoint_key" ON "push_subscriptions"("endpoint");
CREATE INDEX "push_subscriptions_member_id_created_at_idx" ON "push_subscriptions"("member_id", "created_at");
ALTER TABLE "push_subscriptions" ADD CONSTRAINT "push_subscriptions_member_id_fkey"
  FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The deployment's VAPID key pair: one row at most.
CREATE TABLE "web_push_keys" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "public_key" TEXT NOT NULL,
    "private_key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "web_push_keys_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "web_push_keys_one_row" CHECK ("id" = 1)
);

-- Every instance's Web Push deliverer looks at once when a push notice commits anywhere.
CREATE FUNCTION notify_push_due() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM inserted WHERE channel = 'push') THEN
    PERFORM pg_notify('outbox_push_due', '');
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER outbox_messages_notify_push_due
  AFTER INSERT ON outbox_messages
  REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION notify_push_due();
