-- Sign-in attempts recorded before any secret is checked, with a growing delay (issue 13): server/auth/throttle.ts.
-- CreateTable
CREATE TABLE "SignInThrottle" (
    "key" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "notBefore" TIMESTAMPTZ(6) NOT NULL,
    "lastAt" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "SignInThrottle_pkey" PRIMARY KEY ("key")
);

