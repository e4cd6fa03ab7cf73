-- The sealed ballot box (DESIGN §4a, issue 11): casts write only sealed ballots; the count
-- writes the counted Ballot rows. Upgrade when no poll or rating round is open (an open
-- one has no box key and takes no more casts).

-- DropIndex
DROP INDEX "Ballot_pollId_replaceTag_key";

-- AlterTable
ALTER TABLE "Ballot" DROP COLUMN "replaceTag";

-- CreateTable
CREATE TABLE "BallotBoxKey" (
    "boxId" TEXT NOT NULL,
    "wrapped" BYTEA NOT NULL,
    "kekId" TEXT NOT NULL,

    CONSTRAINT "BallotBoxKey_pkey" PRIMARY KEY ("boxId")
);

-- CreateTable
CREATE TABLE "SealedBallot" (
    "boxId" TEXT NOT NULL,
    "tag" TEXT NOT NULL,
    "trackerTag" TEXT NOT NULL,
    "sealed" BYTEA NOT NULL,

    CONSTRAINT "SealedBallot_pkey" PRIMARY KEY ("boxId","tag")
);

-- CreateIndex
CREATE UNIQUE INDEX "SealedBallot_boxId_trackerTag_key" ON "SealedBallot"("boxId", "trackerTag");

