// Building ParsedMeasure values with the list fields every layout must fill (possibly empty).

import type { ParsedMeasure } from "../types";

type RequiredFields = Pick<ParsedMeasure, "code" | "parentCode" | "level" | "title" | "line">;

export function createMeasure(fields: RequiredFields & Partial<ParsedMeasure>): ParsedMeasure {
  return {
    departments: [],
    implementers: [],
    targetActors: [],
    schedule: [],
    labels: [],
    entries: [],
    ...fields,
  };
}
