// A group's profile as the domain sees it, what of it a viewer may see, and the folded text the
// directory searches. Browser-safe (no database).
import type { GroupStatus, Visibility } from "../../../db/schema";
import { foldForSearch } from "../search/japanese-text";
import { AREAS, FIELDS, LEGAL_FORMS } from "../vocabulary";

export interface Activity {
  fiscalYear: number | null;
  title: string;
  description: string | null;
}

export interface Contact {
  value: string | null;
  visibility: Visibility;
}

export interface GroupProfile {
  id: string;
  name: string;
  nameKana: string;
  status: GroupStatus;
  statusReason: string | null;
  legalForm: string | null;
  actorType: string | null;
  fields: string[];
  areas: string[];
  foundedYear: number | null;
  foundedMonth: number | null;
  memberCount: number | null;
  representativeName: string | null;
  email: Contact;
  phone: Contact;
  address: Contact;
  website: Contact;
  mission: string | null;
  wishes: string | null;
  pastCollaboration: string | null;
  activities: Activity[];
  createdAt: string;
  updatedAt: string;
}

export const CONTACT_KEYS = ["email", "phone", "address", "website"] as const;

/**
 * The profile with what the viewer may not see taken out: without staff access, contacts marked
 * 市の職員のみ and the representative are removed (not just hidden in the page).
 */
export function visibleProfile(profile: GroupProfile, staffAccess: boolean): GroupProfile {
  if (staffAccess) return profile;
  const hide = (contact: Contact): Contact => (contact.visibility === "public" ? contact : { ...contact, value: null });
  return {
    ...profile,
    representativeName: null,
    email: hide(profile.email),
    phone: hide(profile.phone),
    address: hide(profile.address),
    website: hide(profile.website),
  };
}

/** Everything the public can read about a group, folded for `LIKE '%q%'`. */
export function searchTextOf(profile: {
  name: string;
  nameKana: string;
  legalForm: string | null;
  fields: string[];
  areas: string[];
  mission: string | null;
  wishes: string | null;
  pastCollaboration: string | null;
  activities: Activity[];
}): string {
  return foldForSearch(
    [
      profile.name,
      profile.nameKana,
      profile.legalForm ? LEGAL_FORMS.label(profile.legalForm) : "",
      ...profile.fields.map(FIELDS.label),
      ...profile.areas.map(AREAS.label),
      profile.mission ?? "",
      profile.wishes ?? "",
      profile.pastCollaboration ?? "",
      ...profile.activities.flatMap((a) => [a.title, a.description ?? ""]),
    ].join("\n"),
  );
}

/** Field names as people read them in the change history and the audit log. */
export const PROFILE_FIELD_LABELS: Record<string, string> = {
  name: "団体名",
  nameKana: "ふりがな",
  legalForm: "法人格・団体の種類",
  actorType: "協働主体の種類",
  fields: "活動分野",
  areas: "活動地域",
  founded: "設立年月",
  memberCount: "会員数",
  representativeName: "代表者名",
  email: "メールアドレス",
  phone: "電話番号",
  address: "所在地",
  website: "ウェブサイト",
  mission: "活動の目的・内容",
  wishes: "市と取り組みたいこと",
  pastCollaboration: "市との協働の経験",
  activities: "活動実績",
  status: "審査状況",
  members: "メンバー",
};

/** The profile as the edit form's starting values (strings, as typed). */
export function profileFormValues(profile: GroupProfile, formatYear: (fiscalYear: number) => string) {
  return {
    name: profile.name,
    nameKana: profile.nameKana,
    legalForm: profile.legalForm ?? undefined,
    actorType: profile.actorType ?? undefined,
    fields: profile.fields,
    areas: profile.areas,
    foundedYear: profile.foundedYear === null ? "" : String(profile.foundedYear),
    foundedMonth: profile.foundedMonth === null ? "" : String(profile.foundedMonth),
    memberCount: profile.memberCount === null ? "" : String(profile.memberCount),
    representativeName: profile.representativeName ?? "",
    email: profile.email.value ?? "",
    emailVisibility: profile.email.visibility,
    phone: profile.phone.value ?? "",
    phoneVisibility: profile.phone.visibility,
    address: profile.address.value ?? "",
    addressVisibility: profile.address.visibility,
    website: profile.website.value ?? "",
    websiteVisibility: profile.website.visibility,
    mission: profile.mission ?? "",
    wishes: profile.wishes ?? "",
    pastCollaboration: profile.pastCollaboration ?? "",
    activities: profile.activities.map((a) => ({
      fiscalYear: a.fiscalYear === null ? "" : formatYear(a.fiscalYear),
      title: a.title,
      description: a.description ?? "",
    })),
  };
}
