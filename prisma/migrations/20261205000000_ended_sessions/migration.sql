-- A session cookie ended by signing out (issue 13): refused by its token's id until it would have expired.
-- CreateTable
CREATE TABLE "EndedSession" (
    "jti" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EndedSession_pkey" PRIMARY KEY ("jti")
);

