// 「担当課の操作」: editing the sheet and the status changes the lifecycle allows from where it is, with
// what a refused change (publishing an incomplete sheet) still needs.
import { Form, Link } from "@remix-run/react";
import { FormErrors, SubmitButton } from "~/components/forms/form";
import { transitionsFrom } from "~/domain/sheets/lifecycle";
import type { SheetView } from "./sheet-body";

export function SheetManagePanel({
  sheet,
  may,
  errors,
}: {
  sheet: Pick<SheetView, "id" | "status">;
  may: { edit: boolean; changeStatus: boolean };
  /** The refusal of the last status change, when there was one. */
  errors: string[] | null | undefined;
}) {
  if (!may.edit && !may.changeStatus) return null;
  return (
    <section className="panel" aria-labelledby="sheet-manage">
      <h2 id="sheet-manage">担当課の操作</h2>
      {errors ? <FormErrors id="status-errors" errors={errors} /> : null}
      <div className="actions">
        {may.edit ? (
          <Link className="button" to={`/sheets/${sheet.id}/edit`}>
            編集する
          </Link>
        ) : null}
        {may.changeStatus
          ? transitionsFrom(sheet.status).map((t) => (
              <Form method="post" key={t.to}>
                <input type="hidden" name="intent" value="status" />
                <input type="hidden" name="to" value={t.to} />
                <SubmitButton className={t.to === "published" ? "button primary" : "button"}>
                  {t.label}
                </SubmitButton>
              </Form>
            ))
          : null}
      </div>
    </section>
  );
}
