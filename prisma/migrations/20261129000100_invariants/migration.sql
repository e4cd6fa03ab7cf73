-- Invariants Prisma's schema language cannot express. Kept valid on PostgreSQL 15+ and PGlite (18).

ALTER TABLE "StaffUser" ADD CONSTRAINT "StaffUser_department_required"
  CHECK ("role" <> 'DEPARTMENT' OR "departmentId" IS NOT NULL);
ALTER TABLE "Candidate" ADD CONSTRAINT "Candidate_budget_nonnegative" CHECK ("budgetWan" >= 0);
ALTER TABLE "PollCandidate" ADD CONSTRAINT "PollCandidate_budget_nonnegative" CHECK ("budgetWan" >= 0);
ALTER TABLE "Poll" ADD CONSTRAINT "Poll_seats_positive" CHECK ("seats" >= 1);
ALTER TABLE "Poll" ADD CONSTRAINT "Poll_quorum_ratio" CHECK ("quorumNum" >= 0 AND "quorumDen" > 0 AND "quorumNum" <= "quorumDen");
ALTER TABLE "Poll" ADD CONSTRAINT "Poll_returned_le_issued_unless_void"
  CHECK ("status" = 'VOID' OR "returned" IS NULL OR "issued" IS NULL OR "returned" <= "issued");
ALTER TABLE "Poll" ADD CONSTRAINT "Poll_void_has_reason" CHECK ("status" <> 'VOID' OR "voidReason" IS NOT NULL);
ALTER TABLE "ProgressUpdate" ADD CONSTRAINT "ProgressUpdate_percent_range" CHECK ("percent" BETWEEN 0 AND 100);
ALTER TABLE "ProgressUpdate" ADD CONSTRAINT "ProgressUpdate_spent_nonnegative" CHECK ("spentWan" >= 0);
ALTER TABLE "ImplementationPlan" ADD CONSTRAINT "ImplementationPlan_budget_nonnegative" CHECK ("budgetWan" >= 0);
ALTER TABLE "RateLimit" ADD CONSTRAINT "RateLimit_count_nonnegative" CHECK ("count" >= 0);

-- A delegate may take part only while the poll is OPEN. Taking KEY SHARE on the poll
-- row means a concurrent close (which locks the row FOR UPDATE) waits for every cast
-- already in flight, and every cast that starts after it sees CLOSED: the database,
-- not the app's clock or its checks, settles a cast racing the close.
CREATE FUNCTION minsheng_participation_requires_open_poll() RETURNS trigger AS $$
DECLARE st "PollStatus";
BEGIN
  SELECT "status" INTO st FROM "Poll" WHERE "id" = NEW."pollId" FOR KEY SHARE;
  IF st IS DISTINCT FROM 'OPEN' THEN
    RAISE EXCEPTION 'POLL_NOT_OPEN' USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER "Participation_requires_open_poll" BEFORE INSERT OR UPDATE ON "Participation"
  FOR EACH ROW EXECUTE FUNCTION minsheng_participation_requires_open_poll();

-- Secrecy: a secret poll's ballot never names its delegate; a named poll's electronic ballot always does.
CREATE FUNCTION minsheng_ballot_secrecy() RETURNS trigger AS $$
DECLARE is_secret boolean;
BEGIN
  SELECT "secret" INTO is_secret FROM "Poll" WHERE "id" = NEW."pollId";
  IF is_secret AND NEW."delegateId" IS NOT NULL THEN
    RAISE EXCEPTION 'SECRET_BALLOT_NAMES_DELEGATE' USING ERRCODE = 'P0001';
  END IF;
  IF NOT is_secret AND NEW."source" = 'ELECTRONIC' AND NEW."delegateId" IS NULL THEN
    RAISE EXCEPTION 'NAMED_BALLOT_WITHOUT_DELEGATE' USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER "Ballot_secrecy" BEFORE INSERT OR UPDATE ON "Ballot"
  FOR EACH ROW EXECUTE FUNCTION minsheng_ballot_secrecy();

-- Results are frozen once certified: the tally and the figures of a certified or
-- published poll never change (only CERTIFIED → PUBLISHED is allowed).
CREATE FUNCTION minsheng_poll_frozen() RETURNS trigger AS $$
BEGIN
  IF OLD."status" IN ('CERTIFIED', 'PUBLISHED') AND (
       NEW."result" IS DISTINCT FROM OLD."result" OR NEW."issued" IS DISTINCT FROM OLD."issued"
       OR NEW."returned" IS DISTINCT FROM OLD."returned" OR NEW."ballotsHash" IS DISTINCT FROM OLD."ballotsHash"
       OR NOT (NEW."status" = OLD."status" OR (OLD."status" = 'CERTIFIED' AND NEW."status" = 'PUBLISHED'))) THEN
    RAISE EXCEPTION 'POLL_FROZEN' USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER "Poll_frozen" BEFORE UPDATE ON "Poll"
  FOR EACH ROW EXECUTE FUNCTION minsheng_poll_frozen();

-- The audit log is append-only.
CREATE FUNCTION minsheng_audit_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'AUDIT_LOG_APPEND_ONLY' USING ERRCODE = 'P0001';
END $$ LANGUAGE plpgsql;
CREATE TRIGGER "AuditLog_append_only" BEFORE UPDATE OR DELETE ON "AuditLog"
  FOR EACH ROW EXECUTE FUNCTION minsheng_audit_append_only();
