-- The audit log is append-only against TRUNCATE too: the row-level trigger of the
-- invariants migration never fires for it, so without this one statement would empty
-- the chain and leave nothing to verify (DESIGN §4 promise 4).
CREATE TRIGGER "AuditLog_no_truncate" BEFORE TRUNCATE ON "AuditLog"
  FOR EACH STATEMENT EXECUTE FUNCTION minsheng_audit_append_only();

-- A certified poll's auditHead is frozen with its result: it is what the published record
-- and the 公告 print, so pointing it at another entry later would re-anchor the chain.
CREATE OR REPLACE FUNCTION minsheng_poll_frozen() RETURNS trigger AS $$
BEGIN
  IF OLD."status" IN ('CERTIFIED', 'PUBLISHED') AND (
       NEW."result" IS DISTINCT FROM OLD."result" OR NEW."issued" IS DISTINCT FROM OLD."issued"
       OR NEW."returned" IS DISTINCT FROM OLD."returned" OR NEW."ballotsHash" IS DISTINCT FROM OLD."ballotsHash"
       OR NEW."auditHead" IS DISTINCT FROM OLD."auditHead"
       OR NOT (NEW."status" = OLD."status" OR (OLD."status" = 'CERTIFIED' AND NEW."status" = 'PUBLISHED'))) THEN
    RAISE EXCEPTION 'POLL_FROZEN' USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;
