import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { can } from "~/auth/permissions";
import { notFound } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { authorizeGroup } from "~/auth/access/groups.server";
import { formatFounding } from "~/domain/groups/founding";
import { visibleProfile, type Contact } from "~/domain/groups/profile";
import { loadGroupProfile } from "~/domain/groups/queries.server";
import { STATUS_LABELS } from "~/domain/groups/lifecycle";
import { GroupReviewForm } from "~/components/groups/group-review-form";
import { formatFiscalYearWithWestern } from "~/domain/calendar/fiscal-year";
import { ACTORS, AREAS, FIELDS, LEGAL_FORMS } from "~/domain/vocabulary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.profile.name ?? "団体"} | 協働マッチングポータル` },
];

export async function loader(args: LoaderFunctionArgs) {
  const { viewer, group } = await authorizeGroup(args, "group:view");
  const profile = (await loadGroupProfile(getDb(), group.id)) ?? notFound();
  const staffAccess = can(viewer, "group:view-staff-contacts", group);
  return json({
    profile: visibleProfile(profile, staffAccess),
    staffAccess,
    membership: group.membership,
    may: {
      edit: can(viewer, "group:edit", group),
      manageMembers: can(viewer, "group:manage-members", group),
      viewHistory: can(viewer, "group:view-history", group),
      review: can(viewer, "group:review", group),
    },
  });
}

function ContactValue({ label, contact, staffAccess, href }: { label: string; contact: Contact; staffAccess: boolean; href?: string }) {
  if (!contact.value) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>
        {href ? <a href={href}>{contact.value}</a> : contact.value}
        {staffAccess && contact.visibility === "staff" ? <span className="staff-only">（市の職員のみに表示）</span> : null}
      </dd>
    </>
  );
}

export default function GroupProfilePage() {
  const { profile, staffAccess, membership, may } = useLoaderData<typeof loader>();
  const founded = formatFounding(profile.foundedYear, profile.foundedMonth);
  const website = profile.website.value && /^https?:\/\//.test(profile.website.value) ? profile.website.value : undefined;
  return (
    <>
      <h1>{profile.name}</h1>
      <p className="hint">{profile.nameKana}</p>
      {profile.status !== "approved" ? (
        <section className="panel" aria-labelledby="group-status">
          <h2 id="group-status">審査状況: {STATUS_LABELS[profile.status]}</h2>
          {profile.status === "pending" ? <p>協働推進課が内容を確認しています。承認されると「団体をさがす」に公開されます。</p> : null}
          {profile.status === "rejected" ? <p>協働推進課から差し戻されました。理由を確認し、団体情報を修正して保存すると、もう一度審査されます。</p> : null}
          {profile.status === "suspended" ? <p>この団体の公開は停止されています。詳しくは協働推進課にお問い合わせください。</p> : null}
          {profile.statusReason ? (
            <div className="status-reason">
              <strong>協働推進課からの理由:</strong> {profile.statusReason}
            </div>
          ) : null}
        </section>
      ) : null}
      {may.edit || may.manageMembers || may.viewHistory || may.review ? (
        <ul className="tags" aria-label="この団体について行えること">
          {may.edit ? (
            <li>
              <Link to={`/groups/${profile.id}/edit`}>団体情報を編集</Link>
            </li>
          ) : null}
          {membership ? (
            <li>
              <Link to={`/groups/${profile.id}/members`}>メンバー{may.manageMembers ? "の管理" : ""}</Link>
            </li>
          ) : null}
          {may.viewHistory ? (
            <li>
              <Link to={`/groups/${profile.id}/history`}>変更履歴</Link>
            </li>
          ) : null}
          {may.review ? (
            <li>
              <Link to="/coordinator/groups">団体の審査へ</Link>
            </li>
          ) : null}
        </ul>
      ) : null}

      <dl className="profile">
        {profile.legalForm ? (
          <>
            <dt>法人格・団体の種類</dt>
            <dd>{LEGAL_FORMS.label(profile.legalForm)}</dd>
          </>
        ) : null}
        {profile.actorType ? (
          <>
            <dt>協働主体の種類</dt>
            <dd>{ACTORS.label(profile.actorType)}</dd>
          </>
        ) : null}
        <dt>活動分野</dt>
        <dd>
          <ul className="tags">
            {profile.fields.map((f) => (
              <li key={f}>{FIELDS.label(f)}</li>
            ))}
          </ul>
        </dd>
        <dt>活動地域</dt>
        <dd>{profile.areas.map(AREAS.label).join("、") || "—"}</dd>
        {founded ? (
          <>
            <dt>設立</dt>
            <dd>{founded}</dd>
          </>
        ) : null}
        {profile.memberCount !== null ? (
          <>
            <dt>会員数</dt>
            <dd>{profile.memberCount}人</dd>
          </>
        ) : null}
        {staffAccess && profile.representativeName ? (
          <>
            <dt>代表者名</dt>
            <dd>
              {profile.representativeName}
              <span className="staff-only">（市の職員のみに表示）</span>
            </dd>
          </>
        ) : null}
      </dl>

      <h2>連絡先</h2>
      <dl className="profile">
        <ContactValue label="メールアドレス" contact={profile.email} staffAccess={staffAccess} href={profile.email.value ? `mailto:${profile.email.value}` : undefined} />
        <ContactValue label="電話番号" contact={profile.phone} staffAccess={staffAccess} />
        <ContactValue label="所在地" contact={profile.address} staffAccess={staffAccess} />
        <ContactValue label="ウェブサイト" contact={profile.website} staffAccess={staffAccess} href={website} />
      </dl>
      {!profile.email.value && !profile.phone.value && !profile.address.value && !profile.website.value ? (
        <p className="empty">公開されている連絡先はありません。</p>
      ) : null}

      <h2>活動の目的・内容</h2>
      <p className="profile-text">{profile.mission ?? "—"}</p>
      <h2>市と取り組みたいこと</h2>
      <p className="profile-text">{profile.wishes ?? "まだ記入されていません。"}</p>
      <h2>市との協働の経験</h2>
      <p className="profile-text">{profile.pastCollaboration ?? "まだ記入されていません。"}</p>

      <h2>活動実績</h2>
      {profile.activities.length === 0 ? (
        <p className="empty">まだ記入されていません。</p>
      ) : (
        <table>
          <caption className="visually-hidden">活動実績</caption>
          <thead>
            <tr>
              <th scope="col">年度</th>
              <th scope="col">活動名</th>
              <th scope="col">内容</th>
            </tr>
          </thead>
          <tbody>
            {profile.activities.map((a, i) => (
              <tr key={i}>
                <td>{a.fiscalYear ? formatFiscalYearWithWestern(a.fiscalYear) : "—"}</td>
                <td>{a.title}</td>
                <td className="profile-text">{a.description ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {may.review ? (
        <section className="panel" aria-labelledby="group-review">
          <h2 id="group-review">審査（協働推進課）</h2>
          <p>審査状況: {STATUS_LABELS[profile.status]}</p>
          <GroupReviewForm groupId={profile.id} groupName={profile.name} status={profile.status} />
        </section>
      ) : null}
      <p>
        <Link to="/groups">団体の一覧へ戻る</Link>
      </p>
    </>
  );
}
