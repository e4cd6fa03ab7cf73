-- At most one OPEN poll and one OPEN rating round per session, kept by the database: two
-- opens racing each pass their own check, but the second to write its status waits for
-- the first and then fails on these indexes (unique_violation), so it changes nothing.

-- CreateIndex
CREATE UNIQUE INDEX "Poll_one_open_per_session" ON "Poll"("sessionId") WHERE (status = 'OPEN');

-- CreateIndex
CREATE UNIQUE INDEX "RatingRound_one_open_per_session" ON "RatingRound"("sessionId") WHERE (status = 'OPEN');
