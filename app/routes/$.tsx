// Every address no other route matches: the Japanese 404 page of the root error boundary.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authorize, notFound } from "~/auth/guards.server";

export async function loader(args: LoaderFunctionArgs) {
  await authorize(args, "public:view");
  notFound();
}

export async function action(args: LoaderFunctionArgs) {
  await authorize(args, "public:view");
  notFound();
}

export default function NotFound() {
  return null;
}
