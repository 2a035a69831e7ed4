// The engine's own input and output shapes: the lead maps database rows of groups and matching sheets into
// these, so the engine stays pure (no database, browser-safe) and testable with plain objects.

/** A citizen group (団体) as the matching engine sees it. Only approved groups should be passed in. */
export interface MatchGroup {
  id: string;
  name: string;
  /** LEGAL_FORMS code. */
  legalForm: string;
  /** FIELDS codes (app/domain/vocabulary.ts). */
  fields: string[];
  /** AREAS codes. */
  areas: string[];
  mission: string;
  /** 今後の希望: what the group wants to do with the city. */
  wishes: string;
  /** Past collaboration with the city, free text (may name departments), '' when none. */
  pastCollaboration: string;
  /** 活動実績 (track record). */
  activities: { fiscalYear: number | null; title: string; description: string }[];
}

/** A matching sheet (マッチングシート): a challenge posted by a department. Only open sheets should be passed in. */
export interface MatchSheet {
  id: string;
  title: string;
  departmentName: string;
  /** FIELDS codes. */
  fields: string[];
  /** AREAS codes. */
  areas: string[];
  /** COLLABORATION_FORMS codes. */
  forms: string[];
  /** 現状と課題. */
  background: string;
  /** 期待する成果. */
  outcomes: string;
  /** What the city can offer (会場, 広報, 予算 …). */
  offer: string;
}

/**
 * Why a suggestion was made: the data AND a Japanese sentence for the page (`text`). `points` is this
 * reason's share of the suggestion's score, so the reasons add up to the score.
 */
export type Reason =
  | { kind: "fields"; points: number; codes: string[]; text: string }
  | { kind: "words"; points: number; words: string[]; text: string }
  | { kind: "area"; points: number; codes: string[]; exact: boolean; text: string }
  | {
      kind: "track_record";
      points: number;
      activity: { fiscalYear: number | null; title: string };
      words: string[];
      text: string;
    }
  | {
      kind: "past_collaboration";
      points: number;
      sameDepartment: boolean;
      departmentName: string | null;
      text: string;
    };

export type ReasonKind = Reason["kind"];

/** One ranked suggestion: the id of the suggested group (or sheet), its score (0–100) and why. */
export interface Suggestion {
  id: string;
  score: number;
  reasons: Reason[];
}
