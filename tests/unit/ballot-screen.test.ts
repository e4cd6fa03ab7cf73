import { describe, expect, it } from "vitest";
import { screenFor, type BallotScreen, type BallotState, type BallotStep } from "~/components/delegate/ballot/screen-for";
import { screenFor as ratingScreenFor, type RatingStep } from "~/components/projects/rating-ballot/screen-for";
import type { Submission } from "~/components/submission/submission-record";
import type { Failure, FailureCode } from "~/components/submission/transport";
import type { TGrade } from "~/lib/schemas/projects";
import type { TChoice, TDelegatePollView, TPollCandidate } from "~/lib/schemas/vote";

const KEY = "k".repeat(32);
const NEW_KEY = "n".repeat(32);
const candidate = (id: string): TPollCandidate => ({
  id,
  candidateId: `c-${id}`,
  position: Number(id.slice(1)),
  title: `项目 ${id}`,
  unitName: "区住建局",
  budgetWan: "100",
  targets: "",
});
const CANDIDATES = [candidate("p1"), candidate("p2")];

const view = (over: Partial<TDelegatePollView> = {}): TDelegatePollView => ({
  id: "poll",
  title: "2021 年民生实事项目票决",
  kind: "EQUAL",
  seats: 2,
  secret: true,
  status: "OPEN",
  changeable: false,
  checkedIn: true,
  paper: false,
  voted: false,
  candidates: CANDIDATES,
  ...over,
});

const ALL: Record<string, TChoice> = { p1: "FOR", p2: "AGAINST" };
const RECORDS: Record<string, Submission<TChoice> | null> = {
  none: null,
  "draft, part marked": { v: 1, stage: "draft", key: KEY, choices: { p1: "FOR" } },
  "draft, all marked": { v: 1, stage: "draft", key: KEY, choices: ALL },
  "draft of a change": { v: 1, stage: "draft", key: NEW_KEY, choices: ALL, replaces: { key: KEY, tracker: "AAAA-BBBB-CC" } },
  sending: { v: 1, stage: "sending", key: KEY, choices: ALL },
  done: { v: 1, stage: "done", key: KEY, tracker: "AAAA-BBBB-CC" },
};
const VIEWS: Record<string, TDelegatePollView | undefined> = {
  "not loaded": undefined,
  open: view(),
  "open, changeable": view({ changeable: true }),
  "open, not checked in": view({ checkedIn: false }),
  "open, voted": view({ voted: true }),
  "open, changeable, voted": view({ changeable: true, voted: true }),
  closed: view({ status: "CLOSED" }),
  published: view({ status: "PUBLISHED", voted: true }),
  void: view({ status: "VOID" }),
};
const FEED_FAILURES: Record<string, Failure | null> = {
  none: null,
  "network, retrying": { retry: true },
  refused: { retry: false, code: "FORBIDDEN" },
};
const REFUSALS: (FailureCode | null)[] = [null, "POLL_CLOSED"];
const STEPS: BallotStep[] = ["ballot", "review"];

/** Every combination of what the ballot can know: the screen chosen for each must obey the rules below. */
const STATES: { name: string; state: BallotState }[] = [false, true].flatMap((loaded) =>
  Object.entries(RECORDS).flatMap(([r, record]) =>
    REFUSALS.flatMap((refusal) =>
      Object.entries(VIEWS).flatMap(([v, pollView]) =>
        Object.entries(FEED_FAILURES).flatMap(([f, feedFailure]) =>
          STEPS.map((step) => ({
            name: `loaded=${loaded} record=${r} refusal=${refusal} view=${v} feed=${f} step=${step}`,
            state: { loaded, record, refusal, view: pollView, feedFailure, step },
          })),
        ),
      ),
    ),
  ),
);

describe("the ballot's screen, over every combination of what it knows", () => {
  const cases = STATES.map(({ name, state }) => ({ name, state, screen: screenFor(state) }));

  it("covers the whole state space and reaches every screen", () => {
    expect(cases).toHaveLength(2 * 6 * 2 * 9 * 3 * 2);
    const reached = new Set(cases.map((c) => c.screen.id));
    const every: BallotScreen["id"][] = [
      "loading",
      "receipt",
      "final",
      "sending",
      "load-error",
      "not-checked-in",
      "voted",
      "closed",
      "void",
      "review",
      "ballot",
    ];
    expect([...reached].sort()).toEqual([...every].sort());
  });

  it("shows nothing of the ballot until the phone's storage is read, so a stored receipt never flashes a ballot", () => {
    for (const { name, state, screen } of cases) if (!state.loaded) expect(screen.id, name).toBe("loading");
  });

  it("shows a stored receipt whatever else is known: a closed poll, a refusal, a failing network", () => {
    for (const { name, state, screen } of cases) {
      if (state.loaded && state.record?.stage === "done") expect(screen, name).toMatchObject({ id: "receipt", receipt: state.record });
    }
  });

  it("shows a refusal that ended the attempt, unless a receipt is kept (then the refusal is shown on it)", () => {
    for (const { name, state, screen } of cases) {
      if (!state.loaded || !state.refusal) continue;
      if (state.record?.stage === "done") expect(screen, name).toMatchObject({ id: "receipt", notice: state.refusal });
      else expect(screen, name).toEqual({ id: "final", code: state.refusal });
    }
  });

  it("keeps a submission being sent on the sending screen whatever the poll looks like, never the ballot (no second ballot)", () => {
    for (const { name, state, screen } of cases) {
      if (!state.loaded || state.refusal || state.record?.stage !== "sending") continue;
      expect(screen, name).toEqual({ id: "sending", sending: state.record, candidates: state.view?.candidates });
    }
  });

  it("offers the ballot or its review only while the poll is open, to a checked-in delegate who has not voted — or who is changing a ballot", () => {
    for (const { name, state, screen } of cases) {
      if (screen.id !== "ballot" && screen.id !== "review") continue;
      expect(state.view?.status, name).toBe("OPEN");
      expect(state.record === null || state.record.stage === "draft", name).toBe(true);
      const changing = state.record?.stage === "draft" && !!state.record.replaces;
      if (!changing) expect(state.view?.checkedIn && !state.view.voted, name).toBe(true);
      expect(screen.choices, name).toEqual(state.record?.stage === "draft" ? state.record.choices : {});
    }
  });

  it("always lets a checked-in delegate who has not voted — and a delegate changing a ballot — mark while the poll is open", () => {
    for (const { name, state, screen } of cases) {
      const { view: v, record } = state;
      if (!state.loaded || state.refusal || v?.status !== "OPEN" || (record !== null && record.stage !== "draft")) continue;
      const changing = !!record?.replaces;
      if (changing || (v.checkedIn && !v.voted)) expect(["ballot", "review"], name).toContain(screen.id);
    }
  });

  it("shows the review only when asked for and every candidate is marked", () => {
    for (const { name, state, screen } of cases) {
      if (screen.id === "review") {
        expect(state.step, name).toBe("review");
        expect(Object.keys(screen.choices).sort(), name).toEqual(["p1", "p2"]);
      }
      if (screen.id === "ballot" && state.step === "review") expect(Object.keys(screen.choices).length, name).toBeLessThan(2);
    }
  });

  it("while the poll is not known: waits (saying when the network fails) unless the server refused it", () => {
    for (const { name, state, screen } of cases) {
      if (!state.loaded || state.view || state.record?.stage === "done" || state.record?.stage === "sending" || state.refusal) continue;
      if (state.feedFailure?.retry === false) expect(screen, name).toEqual({ id: "load-error", code: state.feedFailure.code });
      else expect(screen, name).toEqual({ id: "loading", retrying: state.feedFailure !== null });
    }
  });

  it("names each state of the poll plainly", () => {
    const at = (record: Submission<TChoice> | null, v: TDelegatePollView, step: BallotStep = "ballot") =>
      screenFor({ loaded: true, record, refusal: null, view: v, feedFailure: null, step }).id;
    expect(at(null, view({ checkedIn: false }))).toBe("not-checked-in");
    expect(at(null, view({ voted: true }))).toBe("voted");
    expect(at(null, view({ status: "CLOSED" }))).toBe("closed");
    expect(at(null, view({ status: "CERTIFIED" }))).toBe("closed");
    expect(at(null, view({ status: "VOID" }))).toBe("void");
    expect(at(RECORDS["draft, all marked"]!, view({ status: "CLOSED" }), "review")).toBe("closed");
    // Not checked in comes before voted: the delegate is sent to check in, not told they voted.
    expect(at(null, view({ checkedIn: false, voted: true }))).toBe("not-checked-in");
    // A change under way is marked and reviewed although the poll says this delegate voted.
    expect(at(RECORDS["draft of a change"]!, view({ changeable: true, voted: true }), "review")).toBe("review");
    expect(at(RECORDS["draft, all marked"]!, view(), "review")).toBe("review");
    expect(at(RECORDS["draft, part marked"]!, view(), "review")).toBe("ballot");
  });

  it("offers to change a receipt only while the poll is open and allows changes", () => {
    const receipt = (v: TDelegatePollView | undefined) =>
      screenFor({ loaded: true, record: RECORDS.done!, refusal: null, view: v, feedFailure: null, step: "ballot" });
    expect(receipt(view({ changeable: true }))).toMatchObject({ id: "receipt", canChange: true });
    expect(receipt(view({ changeable: false }))).toMatchObject({ id: "receipt", canChange: false });
    expect(receipt(view({ changeable: true, status: "CLOSED" }))).toMatchObject({ id: "receipt", canChange: false });
    expect(receipt(undefined)).toMatchObject({ id: "receipt", canChange: false });
  });

  it("gives the ballot the receipt a change would replace", () => {
    const screen = screenFor({
      loaded: true,
      record: RECORDS["draft of a change"]!,
      refusal: null,
      view: view({ changeable: true, voted: true }),
      feedFailure: null,
      step: "ballot",
    });
    expect(screen).toMatchObject({ id: "ballot", replaces: { key: KEY, tracker: "AAAA-BBBB-CC" } });
  });
});

describe("the rating's screen", () => {
  const PROJECTS = ["a", "b"];
  const grades: Record<string, TGrade> = { a: "SATISFIED", b: "BASIC" };
  const records: (Submission<TGrade> | null)[] = [
    null,
    { v: 1, stage: "draft", key: KEY, choices: { a: "SATISFIED" } },
    { v: 1, stage: "draft", key: KEY, choices: grades },
    { v: 1, stage: "sending", key: KEY, choices: grades },
    { v: 1, stage: "done", key: KEY, tracker: "0123456789AB" },
  ];
  const steps: RatingStep[] = ["rate", "review"];
  const cases = [false, true].flatMap((loaded) =>
    records.flatMap((record) =>
      REFUSALS.flatMap((refusal) =>
        steps.map((step) => {
          const state = { loaded, record, refusal, projectIds: PROJECTS, step };
          return { name: JSON.stringify(state), state, screen: ratingScreenFor(state) };
        }),
      ),
    ),
  );

  it("puts the submission's screens first, in the ballot's order", () => {
    for (const { name, state, screen } of cases) {
      if (!state.loaded) expect(screen, name).toEqual({ id: "loading" });
      else if (state.record?.stage === "done") expect(screen, name).toEqual({ id: "receipt", receipt: state.record });
      else if (state.refusal) expect(screen, name).toEqual({ id: "final", code: state.refusal });
      else if (state.record?.stage === "sending") expect(screen, name).toEqual({ id: "sending", sending: state.record });
      else expect(["rate", "review"], name).toContain(screen.id);
    }
  });

  it("shows the review only when asked for and every project is rated", () => {
    for (const { name, state, screen } of cases) {
      if (screen.id !== "rate" && screen.id !== "review") continue;
      const draft = state.record?.stage === "draft" ? state.record.choices : {};
      expect(screen.grades, name).toEqual(draft);
      expect(screen.id, name).toBe(state.step === "review" && PROJECTS.every((p) => draft[p]) ? "review" : "rate");
    }
  });
});
