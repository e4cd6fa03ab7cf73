// Experiment only (BENCH_BACKLOG=4096 npm run bench): preloaded into `next start` with
// --require, raises the listen backlog Node uses by default (511), which `next start` has
// no flag for. Shows what a deeper accept queue (a custom server's listen({ backlog }) or
// a proxy in front) does to a storm of new connections. Not used for the reported figures.
"use strict";
const net = require("node:net");

const backlog = Number(process.env.BENCH_BACKLOG);
if (Number.isInteger(backlog) && backlog > 0) {
  const listen = net.Server.prototype.listen;
  net.Server.prototype.listen = function listenWithBacklog(...args) {
    // next start calls listen(port, hostname); the backlog is the third positional argument.
    if ((typeof args[0] === "number" || typeof args[0] === "string") && typeof args[1] === "string" && typeof args[2] !== "number") {
      const callback = typeof args[2] === "function" ? args[2] : undefined;
      return listen.call(this, args[0], args[1], backlog, callback);
    }
    return listen.apply(this, args);
  };
}
