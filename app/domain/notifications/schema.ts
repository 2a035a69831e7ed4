// The notification settings form. Browser-safe.
import { z } from "../zod";

export const MAIL_FREQUENCIES = [
  { code: "immediate", label: "お知らせごとにメールを受け取る" },
  { code: "daily", label: "1日1回、まとめて受け取る（毎朝8時）" },
] as const;

export const mailFrequencySchema = z.object({
  intent: z.literal("frequency"),
  mailFrequency: z.enum(["immediate", "daily"], { error: "受け取り方を選んでください" }),
});
