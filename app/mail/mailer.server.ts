// Outgoing mail. With SMTP_URL set, mail goes through that SMTP server; otherwise (dev and tests) each
// message is written to the outbox folder as a real .eml file plus a .json summary that tests read.
import fs from "node:fs";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { newId } from "../../db/values";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export function outboxDir(): string {
  return path.resolve(process.env.MAIL_OUTBOX_DIR || "data/outbox");
}

function from(): string {
  return process.env.MAIL_FROM || "協働マッチングポータル <no-reply@localhost>";
}

let smtp: Transporter | null = null;

export async function sendMail(mail: Mail): Promise<void> {
  const message = { from: from(), to: mail.to, subject: mail.subject, text: mail.text };
  if (process.env.SMTP_URL) {
    smtp ??= nodemailer.createTransport(process.env.SMTP_URL);
    await smtp.sendMail(message);
    return;
  }
  const info = await nodemailer.createTransport({ streamTransport: true, buffer: true }).sendMail(message);
  const dir = outboxDir();
  fs.mkdirSync(dir, { recursive: true });
  const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${newId()}`;
  fs.writeFileSync(path.join(dir, `${name}.eml`), info.message as Buffer);
  fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify({ ...message, sentAt: new Date().toISOString() }));
}
