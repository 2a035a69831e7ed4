// The proposal form as posted: the content plus the revision the member edited and what to do with it.
// Browser-safe (the form validates with it too).
import { z } from "../zod";
import { proposalContentSchema } from "./content";

export const proposalFormSchema = proposalContentSchema.extend({
  revision: z.number({ error: "ページを開き直してください" }).int().min(1),
  intent: z.enum(["save", "autosave", "submit"]).default("save"),
});
