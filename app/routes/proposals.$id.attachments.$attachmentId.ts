// Downloading a proposal's attachment: only those who may see the proposal, always as an attachment
// with the type its content showed.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/auth/guards.server";
import { attachmentResponse } from "~/domain/attachments/store.server";
import { loadProposalFor } from "~/auth/access/proposals.server";

export async function loader(args: LoaderFunctionArgs) {
  const { proposal } = await loadProposalFor(args, "proposal:view");
  const attachment = proposal.attachments.find((a) => a.id === args.params.attachmentId) ?? notFound();
  return attachmentResponse({ id: attachment.id, fileName: attachment.file_name, mime: attachment.mime, size: attachment.size });
}
