"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { ZAddDelegationInput, type TSessionSetup } from "~/lib/schemas/session-setup";
import { useI18n } from "../i18n/i18n-provider";
import { useTRPC } from "../trpc/trpc-provider";
import { appCodeOf, useAppErrorMessage } from "../trpc/use-app-error";
import { CreateSessionForm } from "./create-session-form";
import { Field, FormStatus } from "./field";
import { fieldMessages, issuesFromZod } from "./form-issues";
import { Clerks, Scrutineers } from "./session-officers";

export function SessionSetup({ congresses, initial }: { congresses: { id: string; name: string }[]; initial: TSessionSetup | null }) {
  return (
    <div className="flex flex-col gap-6">
      {/* Keyed by session: switching sessions starts the pickers afresh. */}
      {initial && <SessionDetails key={initial.id} initial={initial} />}
      <CreateSessionForm congresses={congresses} />
    </div>
  );
}

function SessionDetails({ initial }: { initial: TSessionSetup }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const setup = useQuery(trpc.setup.session.queryOptions({ sessionId: initial.id }, { initialData: initial })).data ?? initial;
  return (
    <>
      <section aria-labelledby="setup-summary" className="panel">
        <h2 id="setup-summary" className="mb-3 text-xl font-bold">
          {t("console.setup.summaryHeading")}
        </h2>
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
          <dt className="font-semibold">{t("console.setup.congress")}</dt>
          <dd>{setup.congressName}</dd>
          <dt className="font-semibold">{t("console.setup.name")}</dt>
          <dd>{setup.name}</dd>
          <dt className="font-semibold">{t("console.setup.year")}</dt>
          <dd className="tabular-nums">{setup.year}</dd>
          <dt className="font-semibold">{t("console.setup.startsOn")}</dt>
          <dd className="tabular-nums">{setup.startsOn}</dd>
          <dt className="font-semibold">{t("console.setup.seated")}</dt>
          <dd>
            <span className="text-2xl font-bold tabular-nums" data-testid="seated-count">
              {t("console.setup.seatedValue", { count: setup.seated })}
            </span>
            <span className="block text-base text-muted">{t("console.setup.seatedHint")}</span>
          </dd>
        </dl>
      </section>
      <Delegations setup={setup} />
      <Scrutineers setup={setup} />
      <Clerks setup={setup} />
    </>
  );
}

function Delegations({ setup }: { setup: TSessionSetup }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useAppErrorMessage();
  const id = useId();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [ok, setOk] = useState<string | null>(null);
  const add = useMutation(trpc.setup.addDelegation.mutationOptions());

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setOk(null);
    const parsed = ZAddDelegationInput.safeParse({ sessionId: setup.id, name });
    if (!parsed.success) {
      setError(fieldMessages(t, issuesFromZod(parsed.error), ["name"], { name }).byField.name ?? t("console.form.invalid"));
      return;
    }
    setError(null);
    try {
      await add.mutateAsync(parsed.data);
      setOk(t("console.setup.delegationAdded", { name: parsed.data.name }));
      setName("");
      await queryClient.invalidateQueries({ queryKey: trpc.setup.session.queryKey({ sessionId: setup.id }) });
    } catch (err) {
      setError(appCodeOf(err) === "CONFLICT" ? t("console.setup.delegationExists") : errorText(err));
    }
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="panel flex flex-col gap-4">
      <h2 id={`${id}-heading`} className="text-xl font-bold">
        {t("console.setup.delegationsHeading", { count: setup.delegations.length })}
      </h2>
      {setup.delegations.length === 0 ? (
        <p>{t("console.setup.noDelegations")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-base">
            <thead>
              <tr className="border-b-2 border-stone-300">
                <th scope="col" className="py-2">
                  {t("console.setup.delegationName")}
                </th>
                <th scope="col" className="py-2 text-right">
                  {t("console.setup.members")}
                </th>
              </tr>
            </thead>
            <tbody>
              {setup.delegations.map((d) => (
                <tr key={d.id} className="border-b border-stone-200">
                  <th scope="row" className="py-2 font-normal">
                    {d.name}
                  </th>
                  <td className="py-2 text-right tabular-nums">{d.members}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form onSubmit={onSubmit} noValidate className="flex flex-wrap items-end gap-3">
        <Field
          id={`${id}-name`}
          label={t("console.setup.addDelegationLabel")}
          error={error ?? undefined}
          className="min-w-0 flex-1 sm:max-w-sm"
        >
          {(p) => <input {...p} className="field-input" value={name} maxLength={50} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <button type="submit" className="btn-secondary" disabled={add.isPending}>
          {t("console.setup.addDelegation")}
        </button>
      </form>
      <FormStatus ok={ok} />
    </section>
  );
}
