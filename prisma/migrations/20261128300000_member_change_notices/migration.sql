-- Every instance remembers the members requests are made by (src/modules/members/member-cache.ts).
-- Any change to a member's row, by any instance, a CLI or by hand, tells every instance to forget it.
CREATE FUNCTION notify_member_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('member_changed', OLD.id);
  RETURN NULL;
END
$$;

CREATE TRIGGER members_notify_changed
  AFTER UPDATE OR DELETE ON members
  FOR EACH ROW EXECUTE FUNCTION notify_member_changed();
