-- The public log (公开存证日志) and the auction bid ledger are append-only, like the audit log: the
-- database refuses UPDATE and DELETE of their rows, and TRUNCATE unless the session has set
-- kehui.restore = 'on' (only `kehui restore` does). Their hash chains still catch whoever gets past
-- this (a table owner can disable triggers); the trigger stops the honest mistake and the casual edit.
CREATE OR REPLACE FUNCTION append_only_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' AND coalesce(current_setting('kehui.restore', true), '') = 'on' THEN
    RETURN NULL;
  END IF;
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER public_log_no_update_delete BEFORE UPDATE OR DELETE ON public_log
  FOR EACH ROW EXECUTE FUNCTION append_only_refuse_change();
--> statement-breakpoint
CREATE TRIGGER public_log_no_truncate BEFORE TRUNCATE ON public_log
  FOR EACH STATEMENT EXECUTE FUNCTION append_only_refuse_change();
--> statement-breakpoint
CREATE TRIGGER auction_bids_no_update_delete BEFORE UPDATE OR DELETE ON auction_bids
  FOR EACH ROW EXECUTE FUNCTION append_only_refuse_change();
--> statement-breakpoint
CREATE TRIGGER auction_bids_no_truncate BEFORE TRUNCATE ON auction_bids
  FOR EACH STATEMENT EXECUTE FUNCTION append_only_refuse_change();
