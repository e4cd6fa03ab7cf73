-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "CongressLevel" AS ENUM ('DISTRICT', 'TOWNSHIP');

-- CreateEnum
CREATE TYPE "StaffRole" AS ENUM ('ADMIN', 'SECRETARIAT', 'CLERK', 'DEPARTMENT');

-- CreateEnum
CREATE TYPE "ModerationStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "CheckInMethod" AS ENUM ('SELF', 'DESK');

-- CreateEnum
CREATE TYPE "PollKind" AS ENUM ('EQUAL', 'COMPETITIVE');

-- CreateEnum
CREATE TYPE "ThresholdBasis" AS ENUM ('ALL_DELEGATES', 'PRESENT', 'VALID_BALLOTS');

-- CreateEnum
CREATE TYPE "PollStatus" AS ENUM ('DRAFT', 'OPEN', 'CLOSED', 'CERTIFIED', 'PUBLISHED', 'VOID');

-- CreateEnum
CREATE TYPE "BallotSource" AS ENUM ('ELECTRONIC', 'PAPER');

-- CreateEnum
CREATE TYPE "Choice" AS ENUM ('FOR', 'AGAINST', 'ABSTAIN');

-- CreateEnum
CREATE TYPE "SupervisionKind" AS ENUM ('INSPECTION', 'SUGGESTION');

-- CreateEnum
CREATE TYPE "RatingRoundStatus" AS ENUM ('DRAFT', 'OPEN', 'CLOSED', 'PUBLISHED');

-- CreateEnum
CREATE TYPE "Grade" AS ENUM ('SATISFIED', 'BASIC', 'UNSATISFIED');

-- CreateTable
CREATE TABLE "Congress" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "level" "CongressLevel" NOT NULL,
    "parentId" TEXT,

    CONSTRAINT "Congress_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CongressSession" (
    "id" TEXT NOT NULL,
    "congressId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "startsOn" DATE NOT NULL,
    "checkInOpen" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CongressSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Delegation" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Delegation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Delegate" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "delegationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "seat" TEXT NOT NULL,
    "cardCode" TEXT NOT NULL,
    "pinHash" TEXT NOT NULL,
    "phone" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "authVersion" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Delegate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginToken" (
    "id" TEXT NOT NULL,
    "delegateId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "usedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "LoginToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Department" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Department_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffUser" (
    "id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "StaffRole" NOT NULL,
    "departmentId" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "authVersion" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StaffUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SessionClerk" (
    "sessionId" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,

    CONSTRAINT "SessionClerk_pkey" PRIMARY KEY ("sessionId","staffId")
);

-- CreateTable
CREATE TABLE "Scrutineer" (
    "sessionId" TEXT NOT NULL,
    "delegateId" TEXT NOT NULL,

    CONSTRAINT "Scrutineer_pkey" PRIMARY KEY ("sessionId","delegateId")
);

-- CreateTable
CREATE TABLE "Suggestion" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "location" TEXT,
    "contact" TEXT,
    "status" "ModerationStatus" NOT NULL DEFAULT 'PENDING',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Suggestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Candidate" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "budgetWan" DECIMAL(12,2) NOT NULL,
    "location" TEXT NOT NULL,
    "targets" TEXT NOT NULL,
    "deadline" DATE NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Candidate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CandidateSuggestion" (
    "candidateId" TEXT NOT NULL,
    "suggestionId" TEXT NOT NULL,

    CONSTRAINT "CandidateSuggestion_pkey" PRIMARY KEY ("candidateId","suggestionId")
);

-- CreateTable
CREATE TABLE "CheckIn" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "delegateId" TEXT NOT NULL,
    "method" "CheckInMethod" NOT NULL,
    "byStaffId" TEXT,
    "checkedInAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CheckIn_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Poll" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "kind" "PollKind" NOT NULL,
    "seats" INTEGER NOT NULL,
    "basis" "ThresholdBasis" NOT NULL DEFAULT 'ALL_DELEGATES',
    "quorumNum" INTEGER NOT NULL DEFAULT 2,
    "quorumDen" INTEGER NOT NULL DEFAULT 3,
    "secret" BOOLEAN NOT NULL DEFAULT true,
    "changeable" BOOLEAN NOT NULL DEFAULT false,
    "status" "PollStatus" NOT NULL DEFAULT 'DRAFT',
    "runoffOfId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "openedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "certifiedAt" TIMESTAMP(3),
    "publishedAt" TIMESTAMP(3),
    "voidedAt" TIMESTAMP(3),
    "voidReason" TEXT,
    "seated" INTEGER,
    "present" INTEGER,
    "issued" INTEGER,
    "returned" INTEGER,
    "ballotsHash" TEXT,
    "result" JSONB,
    "auditHead" TEXT,

    CONSTRAINT "Poll_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PollCandidate" (
    "id" TEXT NOT NULL,
    "pollId" TEXT NOT NULL,
    "candidateId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "unitName" TEXT NOT NULL,
    "budgetWan" DECIMAL(12,2) NOT NULL,
    "targets" TEXT NOT NULL,

    CONSTRAINT "PollCandidate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Participation" (
    "pollId" TEXT NOT NULL,
    "delegateId" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,

    CONSTRAINT "Participation_pkey" PRIMARY KEY ("pollId","delegateId")
);

-- CreateTable
CREATE TABLE "Ballot" (
    "id" TEXT NOT NULL,
    "pollId" TEXT NOT NULL,
    "tracker" TEXT NOT NULL,
    "source" "BallotSource" NOT NULL DEFAULT 'ELECTRONIC',
    "replaceTag" TEXT,
    "delegateId" TEXT,

    CONSTRAINT "Ballot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BallotChoice" (
    "ballotId" TEXT NOT NULL,
    "pollCandidateId" TEXT NOT NULL,
    "choice" "Choice" NOT NULL,

    CONSTRAINT "BallotChoice_pkey" PRIMARY KEY ("ballotId","pollCandidateId")
);

-- CreateTable
CREATE TABLE "ScrutineerSignoff" (
    "pollId" TEXT NOT NULL,
    "delegateId" TEXT NOT NULL,
    "resultHash" TEXT NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ScrutineerSignoff_pkey" PRIMARY KEY ("pollId","delegateId")
);

-- CreateTable
CREATE TABLE "PaperEntry" (
    "id" TEXT NOT NULL,
    "pollId" TEXT NOT NULL,
    "serial" TEXT NOT NULL,
    "clerkId" TEXT NOT NULL,
    "choices" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PaperEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImplementationPlan" (
    "id" TEXT NOT NULL,
    "candidateId" TEXT NOT NULL,
    "leadOfficial" TEXT NOT NULL,
    "budgetWan" DECIMAL(12,2) NOT NULL,
    "deadline" DATE NOT NULL,
    "startedOn" DATE,
    "completedOn" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ImplementationPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Milestone" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "plannedOn" DATE NOT NULL,
    "achievedOn" DATE,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Milestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgressUpdate" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "percent" INTEGER NOT NULL,
    "spentWan" DECIMAL(12,2) NOT NULL,
    "correctsId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProgressUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" TEXT NOT NULL,
    "updateId" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "alt" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupervisionNote" (
    "id" TEXT NOT NULL,
    "candidateId" TEXT NOT NULL,
    "delegateId" TEXT NOT NULL,
    "groupName" TEXT,
    "kind" "SupervisionKind" NOT NULL,
    "body" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SupervisionNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupervisionReply" (
    "id" TEXT NOT NULL,
    "noteId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SupervisionReply_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Feedback" (
    "id" TEXT NOT NULL,
    "candidateId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "contact" TEXT,
    "status" "ModerationStatus" NOT NULL DEFAULT 'PENDING',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Feedback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RatingRound" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "status" "RatingRoundStatus" NOT NULL DEFAULT 'DRAFT',
    "openedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "publishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RatingRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RatingParticipation" (
    "roundId" TEXT NOT NULL,
    "delegateId" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,

    CONSTRAINT "RatingParticipation_pkey" PRIMARY KEY ("roundId","delegateId")
);

-- CreateTable
CREATE TABLE "RatingBallot" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "tracker" TEXT NOT NULL,

    CONSTRAINT "RatingBallot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RatingChoice" (
    "ballotId" TEXT NOT NULL,
    "candidateId" TEXT NOT NULL,
    "grade" "Grade" NOT NULL,

    CONSTRAINT "RatingChoice_pkey" PRIMARY KEY ("ballotId","candidateId")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "seq" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT,
    "sessionId" TEXT,
    "data" JSONB NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "Congress_name_key" ON "Congress"("name");

-- CreateIndex
CREATE UNIQUE INDEX "CongressSession_congressId_year_name_key" ON "CongressSession"("congressId", "year", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Delegation_sessionId_name_key" ON "Delegation"("sessionId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Delegate_cardCode_key" ON "Delegate"("cardCode");

-- CreateIndex
CREATE INDEX "Delegate_delegationId_idx" ON "Delegate"("delegationId");

-- CreateIndex
CREATE UNIQUE INDEX "Delegate_sessionId_seat_key" ON "Delegate"("sessionId", "seat");

-- CreateIndex
CREATE UNIQUE INDEX "LoginToken_tokenHash_key" ON "LoginToken"("tokenHash");

-- CreateIndex
CREATE INDEX "LoginToken_delegateId_idx" ON "LoginToken"("delegateId");

-- CreateIndex
CREATE UNIQUE INDEX "Department_name_key" ON "Department"("name");

-- CreateIndex
CREATE UNIQUE INDEX "StaffUser_username_key" ON "StaffUser"("username");

-- CreateIndex
CREATE INDEX "Suggestion_status_createdAt_idx" ON "Suggestion"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Candidate_sessionId_sortOrder_idx" ON "Candidate"("sessionId", "sortOrder");

-- CreateIndex
CREATE UNIQUE INDEX "CheckIn_delegateId_key" ON "CheckIn"("delegateId");

-- CreateIndex
CREATE INDEX "CheckIn_sessionId_checkedInAt_idx" ON "CheckIn"("sessionId", "checkedInAt");

-- CreateIndex
CREATE INDEX "Poll_sessionId_createdAt_idx" ON "Poll"("sessionId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PollCandidate_pollId_candidateId_key" ON "PollCandidate"("pollId", "candidateId");

-- CreateIndex
CREATE UNIQUE INDEX "PollCandidate_pollId_position_key" ON "PollCandidate"("pollId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Ballot_pollId_tracker_key" ON "Ballot"("pollId", "tracker");

-- CreateIndex
CREATE UNIQUE INDEX "Ballot_pollId_replaceTag_key" ON "Ballot"("pollId", "replaceTag");

-- CreateIndex
CREATE UNIQUE INDEX "Ballot_pollId_delegateId_key" ON "Ballot"("pollId", "delegateId");

-- CreateIndex
CREATE UNIQUE INDEX "PaperEntry_pollId_serial_clerkId_key" ON "PaperEntry"("pollId", "serial", "clerkId");

-- CreateIndex
CREATE UNIQUE INDEX "ImplementationPlan_candidateId_key" ON "ImplementationPlan"("candidateId");

-- CreateIndex
CREATE INDEX "ProgressUpdate_planId_createdAt_idx" ON "ProgressUpdate"("planId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Attachment_storageKey_key" ON "Attachment"("storageKey");

-- CreateIndex
CREATE INDEX "SupervisionNote_candidateId_createdAt_idx" ON "SupervisionNote"("candidateId", "createdAt");

-- CreateIndex
CREATE INDEX "Feedback_candidateId_status_idx" ON "Feedback"("candidateId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "RatingBallot_roundId_tracker_key" ON "RatingBallot"("roundId", "tracker");

-- CreateIndex
CREATE UNIQUE INDEX "AuditLog_hash_key" ON "AuditLog"("hash");

-- CreateIndex
CREATE INDEX "AuditLog_sessionId_seq_idx" ON "AuditLog"("sessionId", "seq");

-- CreateIndex
CREATE INDEX "AuditLog_action_seq_idx" ON "AuditLog"("action", "seq");

-- AddForeignKey
ALTER TABLE "Congress" ADD CONSTRAINT "Congress_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Congress"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CongressSession" ADD CONSTRAINT "CongressSession_congressId_fkey" FOREIGN KEY ("congressId") REFERENCES "Congress"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delegation" ADD CONSTRAINT "Delegation_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "CongressSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delegate" ADD CONSTRAINT "Delegate_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "CongressSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delegate" ADD CONSTRAINT "Delegate_delegationId_fkey" FOREIGN KEY ("delegationId") REFERENCES "Delegation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LoginToken" ADD CONSTRAINT "LoginToken_delegateId_fkey" FOREIGN KEY ("delegateId") REFERENCES "Delegate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffUser" ADD CONSTRAINT "StaffUser_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionClerk" ADD CONSTRAINT "SessionClerk_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "CongressSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionClerk" ADD CONSTRAINT "SessionClerk_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "StaffUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Scrutineer" ADD CONSTRAINT "Scrutineer_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "CongressSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Scrutineer" ADD CONSTRAINT "Scrutineer_delegateId_fkey" FOREIGN KEY ("delegateId") REFERENCES "Delegate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Suggestion" ADD CONSTRAINT "Suggestion_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "CongressSession"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Candidate" ADD CONSTRAINT "Candidate_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "CongressSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Candidate" ADD CONSTRAINT "Candidate_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CandidateSuggestion" ADD CONSTRAINT "CandidateSuggestion_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CandidateSuggestion" ADD CONSTRAINT "CandidateSuggestion_suggestionId_fkey" FOREIGN KEY ("suggestionId") REFERENCES "Suggestion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckIn" ADD CONSTRAINT "CheckIn_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "CongressSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckIn" ADD CONSTRAINT "CheckIn_delegateId_fkey" FOREIGN KEY ("delegateId") REFERENCES "Delegate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckIn" ADD CONSTRAINT "CheckIn_byStaffId_fkey" FOREIGN KEY ("byStaffId") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Poll" ADD CONSTRAINT "Poll_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "CongressSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Poll" ADD CONSTRAINT "Poll_runoffOfId_fkey" FOREIGN KEY ("runoffOfId") REFERENCES "Poll"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PollCandidate" ADD CONSTRAINT "PollCandidate_pollId_fkey" FOREIGN KEY ("pollId") REFERENCES "Poll"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PollCandidate" ADD CONSTRAINT "PollCandidate_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Participation" ADD CONSTRAINT "Participation_pollId_fkey" FOREIGN KEY ("pollId") REFERENCES "Poll"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Participation" ADD CONSTRAINT "Participation_delegateId_fkey" FOREIGN KEY ("delegateId") REFERENCES "Delegate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ballot" ADD CONSTRAINT "Ballot_pollId_fkey" FOREIGN KEY ("pollId") REFERENCES "Poll"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ballot" ADD CONSTRAINT "Ballot_delegateId_fkey" FOREIGN KEY ("delegateId") REFERENCES "Delegate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BallotChoice" ADD CONSTRAINT "BallotChoice_ballotId_fkey" FOREIGN KEY ("ballotId") REFERENCES "Ballot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BallotChoice" ADD CONSTRAINT "BallotChoice_pollCandidateId_fkey" FOREIGN KEY ("pollCandidateId") REFERENCES "PollCandidate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScrutineerSignoff" ADD CONSTRAINT "ScrutineerSignoff_pollId_fkey" FOREIGN KEY ("pollId") REFERENCES "Poll"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScrutineerSignoff" ADD CONSTRAINT "ScrutineerSignoff_delegateId_fkey" FOREIGN KEY ("delegateId") REFERENCES "Delegate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaperEntry" ADD CONSTRAINT "PaperEntry_pollId_fkey" FOREIGN KEY ("pollId") REFERENCES "Poll"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaperEntry" ADD CONSTRAINT "PaperEntry_clerkId_fkey" FOREIGN KEY ("clerkId") REFERENCES "StaffUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImplementationPlan" ADD CONSTRAINT "ImplementationPlan_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_planId_fkey" FOREIGN KEY ("planId") REFERENCES "ImplementationPlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressUpdate" ADD CONSTRAINT "ProgressUpdate_planId_fkey" FOREIGN KEY ("planId") REFERENCES "ImplementationPlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressUpdate" ADD CONSTRAINT "ProgressUpdate_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "StaffUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressUpdate" ADD CONSTRAINT "ProgressUpdate_correctsId_fkey" FOREIGN KEY ("correctsId") REFERENCES "ProgressUpdate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_updateId_fkey" FOREIGN KEY ("updateId") REFERENCES "ProgressUpdate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupervisionNote" ADD CONSTRAINT "SupervisionNote_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupervisionNote" ADD CONSTRAINT "SupervisionNote_delegateId_fkey" FOREIGN KEY ("delegateId") REFERENCES "Delegate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupervisionReply" ADD CONSTRAINT "SupervisionReply_noteId_fkey" FOREIGN KEY ("noteId") REFERENCES "SupervisionNote"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupervisionReply" ADD CONSTRAINT "SupervisionReply_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "StaffUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RatingRound" ADD CONSTRAINT "RatingRound_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "CongressSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RatingParticipation" ADD CONSTRAINT "RatingParticipation_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "RatingRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RatingParticipation" ADD CONSTRAINT "RatingParticipation_delegateId_fkey" FOREIGN KEY ("delegateId") REFERENCES "Delegate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RatingBallot" ADD CONSTRAINT "RatingBallot_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "RatingRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RatingChoice" ADD CONSTRAINT "RatingChoice_ballotId_fkey" FOREIGN KEY ("ballotId") REFERENCES "RatingBallot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RatingChoice" ADD CONSTRAINT "RatingChoice_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

