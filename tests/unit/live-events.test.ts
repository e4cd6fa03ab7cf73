import { describe, expect, it } from "vitest";
import { reachesDelegate, type LiveEvent } from "~/server/domain/live-events";

const plain = { id: "d-plain", scrutineer: false };
const scrutineer = { id: "d-scrutineer", scrutineer: true };

describe("which live events reach a delegate's phone", () => {
  it.each<[LiveEvent, boolean, boolean]>([
    [{ kind: "poll" }, true, true],
    [{ kind: "check-in" }, true, true], // the window opened or closed
    [{ kind: "check-in", delegateId: "d-plain" }, true, false], // only the one who checked in
    [{ kind: "check-in", delegateId: "d-someone" }, false, false],
    [{ kind: "count" }, false, true], // paper ballots, sign-offs: the scrutineers' page
    [{ kind: "scrutineers" }, true, true],
    [{ kind: "draft" }, false, false],
    [{ kind: "ballot" }, false, false], // never a storm of refetches, nor turnout
    [{ kind: "account", delegateId: "d-plain" }, true, false], // their own sign-in ended or changed: the stream checks it
    [{ kind: "account", delegateId: "d-someone" }, false, false],
  ])("%o reaches a delegate: %s, a scrutineer: %s", (event, toPlain, toScrutineer) => {
    expect(reachesDelegate(event, plain)).toBe(toPlain);
    expect(reachesDelegate(event, scrutineer)).toBe(toScrutineer);
  });
});
