-- Paper ballots issued at the desk (DESIGN §4b): a participation of their own kind, tally
-- clerks per poll, and a state between the close and the count while paper is entered.
ALTER TYPE "PollStatus" ADD VALUE 'PAPER_ENTRY' AFTER 'OPEN';

CREATE TYPE "ParticipationKind" AS ENUM ('PHONE', 'PAPER');

ALTER TABLE "Participation" ADD COLUMN "kind" "ParticipationKind" NOT NULL DEFAULT 'PHONE',
ADD COLUMN "issuedById" TEXT;

ALTER TABLE "Poll" ADD COLUMN "paperIssued" INTEGER,
ADD COLUMN "paperReturned" INTEGER;

CREATE TABLE "PollClerk" (
    "pollId" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,

    CONSTRAINT "PollClerk_pkey" PRIMARY KEY ("pollId","staffId")
);

ALTER TABLE "PollClerk" ADD CONSTRAINT "PollClerk_pollId_fkey" FOREIGN KEY ("pollId") REFERENCES "Poll"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "PollClerk" ADD CONSTRAINT "PollClerk_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "StaffUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Participation" ADD CONSTRAINT "Participation_issuedById_fkey" FOREIGN KEY ("issuedById") REFERENCES "StaffUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Who handed out a paper ballot is always known; a phone's participation names nobody else.
ALTER TABLE "Participation" ADD CONSTRAINT "Participation_paper_issued_by" CHECK (("kind" = 'PAPER') = ("issuedById" IS NOT NULL));
ALTER TABLE "Poll" ADD CONSTRAINT "Poll_paper_returned_le_issued_unless_void"
  CHECK ("status" = 'VOID' OR "paperReturned" IS NULL OR "paperIssued" IS NULL OR "paperReturned" <= "paperIssued");

-- The paper figures are frozen with the rest of a certified count.
CREATE OR REPLACE FUNCTION minsheng_poll_frozen() RETURNS trigger AS $$
BEGIN
  IF OLD."status" IN ('CERTIFIED', 'PUBLISHED') AND (
       NEW."result" IS DISTINCT FROM OLD."result" OR NEW."issued" IS DISTINCT FROM OLD."issued"
       OR NEW."returned" IS DISTINCT FROM OLD."returned" OR NEW."ballotsHash" IS DISTINCT FROM OLD."ballotsHash"
       OR NEW."auditHead" IS DISTINCT FROM OLD."auditHead"
       OR NEW."paperIssued" IS DISTINCT FROM OLD."paperIssued" OR NEW."paperReturned" IS DISTINCT FROM OLD."paperReturned"
       OR NOT (NEW."status" = OLD."status" OR (OLD."status" = 'CERTIFIED' AND NEW."status" = 'PUBLISHED'))) THEN
    RAISE EXCEPTION 'POLL_FROZEN' USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;
