"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { STAFF_ROLES, ZUpdateStaffInput, type TStaffRow } from "~/lib/schemas/accounts";
import { useI18n } from "../i18n/i18n-provider";
import { ConfirmAction } from "../secretariat/confirm-action";
import { useTRPC } from "../trpc/trpc-provider";
import { FormStatus } from "./field";
import { CreateAccount } from "./create-account";

type Role = TStaffRow["role"];
type Option = { id: string; name: string };

export function AccountsManager({ initial, departments, selfId }: { initial: TStaffRow[]; departments: Option[]; selfId: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const staff = useQuery(trpc.accounts.list.queryOptions(undefined, { initialData: initial })).data ?? initial;
  const [status, setStatus] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.accounts.list.queryKey() });

  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="accounts-list" className="panel flex flex-col gap-3">
        <h2 id="accounts-list" className="text-xl font-bold">
          {t("console.accounts.listHeading", { count: staff.length })}
        </h2>
        <p className="text-base text-muted">{t("console.accounts.selfNote")}</p>
        <FormStatus ok={status} />
        <div className="overflow-x-auto">
          <table className="w-full min-w-[56rem] text-left text-base">
            <caption className="sr-only">{t("console.accounts.tableCaption")}</caption>
            <thead>
              <tr className="border-b-2 border-stone-300 whitespace-nowrap">
                <th scope="col" className="py-2 pr-2">
                  {t("console.accounts.username")}
                </th>
                <th scope="col" className="px-2 py-2">
                  {t("console.accounts.displayName")}
                </th>
                <th scope="col" className="px-2 py-2">
                  {t("console.accounts.role")}
                </th>
                <th scope="col" className="px-2 py-2">
                  {t("console.accounts.department")}
                </th>
                <th scope="col" className="px-2 py-2">
                  {t("console.accounts.status")}
                </th>
                <th scope="col" className="px-2 py-2">
                  {t("console.accounts.operations")}
                </th>
              </tr>
            </thead>
            <tbody>
              {staff.map((s) => (
                // Keyed by what the server holds: after a save the row starts from the new state.
                <AccountRow
                  key={`${s.id}-${s.role}-${s.departmentId}-${s.active}`}
                  row={s}
                  departments={departments}
                  self={s.id === selfId}
                  onSaved={async (msg) => {
                    setStatus(msg);
                    await refresh();
                  }}
                />
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <CreateAccount departments={departments} onCreated={refresh} />
    </div>
  );
}

function AccountRow({
  row,
  departments,
  self,
  onSaved,
}: {
  row: TStaffRow;
  departments: Option[];
  self: boolean;
  onSaved: (message: string) => Promise<unknown>;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const id = useId();
  const [role, setRole] = useState<Role>(row.role);
  const [departmentId, setDepartmentId] = useState(row.departmentId ?? "");
  const update = useMutation(trpc.accounts.update.mutationOptions());

  const next = { id: row.id, role, departmentId: role === "DEPARTMENT" ? departmentId || null : null, active: row.active };
  const parsed = ZUpdateStaffInput.safeParse(next);
  const deptError = parsed.success ? undefined : t("console.form.departmentRequired");
  const changed = role !== row.role || (role === "DEPARTMENT" && (departmentId || null) !== row.departmentId);
  const departmentName = departments.find((d) => d.id === departmentId)?.name ?? "";
  const name = row.displayName;

  return (
    <tr className={`border-b border-stone-200 align-top ${row.active ? "" : "bg-stone-100 text-muted"}`}>
      <th scope="row" className="py-2 pr-2 font-mono font-normal">
        {row.username}
      </th>
      <td className="px-2 py-2">
        {name}
        {self && <span className="block text-sm font-semibold">{t("console.accounts.you")}</span>}
      </td>
      <td className="px-2 py-2">
        <label htmlFor={`${id}-role`} className="sr-only">
          {t("console.accounts.roleFor", { name })}
        </label>
        <select
          id={`${id}-role`}
          className="field-input min-w-36 py-1 text-base"
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
          disabled={self}
        >
          {STAFF_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`console.accounts.roles.${r}`)}
            </option>
          ))}
        </select>
      </td>
      <td className="px-2 py-2">
        {role === "DEPARTMENT" ? (
          <>
            <label htmlFor={`${id}-dept`} className="sr-only">
              {t("console.accounts.departmentFor", { name })}
            </label>
            <select
              id={`${id}-dept`}
              className="field-input min-w-44 py-1 text-base"
              value={departmentId}
              onChange={(e) => setDepartmentId(e.target.value)}
              aria-invalid={deptError ? true : undefined}
              aria-describedby={deptError ? `${id}-dept-error` : undefined}
            >
              <option value="">{t("console.accounts.chooseDepartment")}</option>
              {departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
            {deptError && (
              <p id={`${id}-dept-error`} className="field-error text-sm">
                {deptError}
              </p>
            )}
          </>
        ) : (
          <span aria-hidden="true">—</span>
        )}
      </td>
      <td className="px-2 py-2 whitespace-nowrap">{row.active ? t("console.accounts.active") : t("console.accounts.inactive")}</td>
      <td className="px-2 py-1">
        <div className="flex flex-wrap gap-2">
          {changed && !self && (
            <ConfirmAction
              label={t("console.accounts.saveRole")}
              title={t("console.accounts.saveRoleTitle", { name })}
              body={t("console.accounts.saveRoleBody", {
                role: t(`console.accounts.roles.${role}`),
                department: role === "DEPARTMENT" ? t("console.accounts.saveRoleDepartment", { department: departmentName }) : "",
              })}
              disabled={!parsed.success}
              onConfirm={async () => {
                await update.mutateAsync(next);
                await onSaved(t("console.accounts.saved", { name }));
              }}
            />
          )}
          {row.active ? (
            <ConfirmAction
              label={t("console.accounts.disable")}
              title={t("console.accounts.disableTitle", { name })}
              body={t("console.accounts.disableBody")}
              danger
              disabled={self}
              onConfirm={async () => {
                await update.mutateAsync({ id: row.id, role: row.role, departmentId: row.departmentId, active: false });
                await onSaved(t("console.accounts.saved", { name }));
              }}
            />
          ) : (
            <ConfirmAction
              label={t("console.accounts.enable")}
              title={t("console.accounts.enableTitle", { name })}
              body={t("console.accounts.enableBody")}
              onConfirm={async () => {
                await update.mutateAsync({ id: row.id, role: row.role, departmentId: row.departmentId, active: true });
                await onSaved(t("console.accounts.saved", { name }));
              }}
            />
          )}
        </div>
      </td>
    </tr>
  );
}
