// The matching engine's public face: build an index once, then ask it for suggestions with reasons.
export {
  MATCH_WEIGHTS,
  buildGroupIndex,
  buildSheetIndex,
  suggestGroups,
  suggestSheets,
  scorePair,
  rankedScores,
  type GroupIndex,
  type SheetIndex,
} from "./engine";
export { extractTerms } from "./terms";
export type { MatchGroup, MatchSheet, Reason, ReasonKind, Suggestion } from "./types";
