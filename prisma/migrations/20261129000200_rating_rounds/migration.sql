-- The year-end rating uses the vote's exactly-once machinery: a delegate takes part in a
-- round only while it is OPEN, settled by the database exactly like Participation.
CREATE FUNCTION minsheng_rating_requires_open_round() RETURNS trigger AS $$
DECLARE st "RatingRoundStatus";
BEGIN
  SELECT "status" INTO st FROM "RatingRound" WHERE "id" = NEW."roundId" FOR KEY SHARE;
  IF st IS DISTINCT FROM 'OPEN' THEN
    RAISE EXCEPTION 'ROUND_NOT_OPEN' USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER "RatingParticipation_requires_open_round" BEFORE INSERT OR UPDATE ON "RatingParticipation"
  FOR EACH ROW EXECUTE FUNCTION minsheng_rating_requires_open_round();
