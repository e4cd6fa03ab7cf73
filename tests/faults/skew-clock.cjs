// Preloaded into `next start` (node --require) by the database-clock fault test: shifts
// this process's wall clock (Date) by FAULTS_CLOCK_SKEW_MS, as a server whose clock is
// badly wrong would have. Monotonic clocks (timers, performance.now) are left alone.
const skew = Number(process.env.FAULTS_CLOCK_SKEW_MS || 0);
if (skew) {
  const RealDate = Date;
  class SkewedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + skew);
      else super(...args);
    }
    static now() {
      return RealDate.now() + skew;
    }
  }
  globalThis.Date = SkewedDate;
}
