// Interest in a sheet: 「関心を伝える」 for a member's groups (what each has said, the form to say it or take
// it back) and, for the department and the coordinator, the groups that have said it.
import { getFormProps } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { FormErrors, SelectField, SubmitButton, type useSchemaForm } from "~/components/forms/form";
import { formatDate } from "~/domain/calendar/format";
import { INTEREST_LEVELS, type interestSchema } from "~/domain/sheets/schema";

type InterestLevel = (typeof INTEREST_LEVELS.items)[number]["code"];

export function InterestPanel({
  myGroups,
  interestForm: [interestForm, interestFields],
}: {
  myGroups: { id: string; name: string; level: InterestLevel | null }[];
  /** The interest form, made by the page (its ids come from where the page makes it). */
  interestForm: ReturnType<typeof useSchemaForm<typeof interestSchema>>;
}) {
  return (
    <section className="panel" aria-labelledby="sheet-interest">
      <h2 id="sheet-interest">関心を伝える</h2>
      <ul>
        {myGroups.map((g) => (
          <li key={g.id}>
            {g.name}: {g.level ? INTEREST_LEVELS.label(g.level) : "未表明"}
          </li>
        ))}
      </ul>
      <Form method="post" {...getFormProps(interestForm)}>
        <FormErrors id={interestForm.errorId} errors={interestForm.errors} />
        <input type="hidden" name="intent" value="interest" />
        <SelectField field={interestFields.groupId} label="団体" options={myGroups.map((g) => ({ code: g.id, label: g.name }))} />
        <SelectField field={interestFields.level} label="伝えること" options={[...INTEREST_LEVELS.items, { code: "none", label: "表明を取り消す" }]} />
        <SubmitButton>担当課に伝える</SubmitButton>
      </Form>
    </section>
  );
}

export function InterestedGroupsPanel({
  sheetStatus,
  interests,
}: {
  sheetStatus: string;
  interests: { group_id: string; group_name: string; level: InterestLevel; marked_at: string }[];
}) {
  return (
    <section className="panel" aria-labelledby="sheet-interests">
      <h2 id="sheet-interests">関心を寄せている団体（担当課と協働推進課のみに表示）</h2>
      {interests.length === 0 ? (
        <p className="empty">まだありません。{sheetStatus === "published" ? null : "公開すると、団体がこのシートを見て関心を伝えられるようになります。"}</p>
      ) : (
        <ul>
          {interests.map((i) => (
            <li key={i.group_id}>
              <Link to={`/groups/${i.group_id}`}>{i.group_name}</Link> — {INTEREST_LEVELS.label(i.level)}（{formatDate(i.marked_at)}）
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
