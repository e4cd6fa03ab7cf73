-- The demo data set a database holds (prisma/seed.ts): its stage, and the day the follow-up
-- stage's data stand at. One row at most; only the follow-up stage has an "as of" day.

-- CreateEnum
CREATE TYPE "DemoStage" AS ENUM ('VOTE', 'FOLLOWUP');

-- CreateTable
CREATE TABLE "DemoDataSet" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "stage" "DemoStage" NOT NULL,
    "asOf" DATE,
    "loadedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DemoDataSet_pkey" PRIMARY KEY ("id")
);

ALTER TABLE "DemoDataSet" ADD CONSTRAINT "DemoDataSet_one_row" CHECK ("id" = 1);
ALTER TABLE "DemoDataSet" ADD CONSTRAINT "DemoDataSet_as_of_followup" CHECK (("asOf" IS NOT NULL) = ("stage" = 'FOLLOWUP'));
