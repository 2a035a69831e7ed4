// An upload that shows how far it has got. The form stays a plain multipart form (it works without
// JavaScript); in the browser the hook sends it with XMLHttpRequest — fetch cannot tell upload progress —
// to the route's action as a Remix data request, then follows the redirect it answers with, or hands back
// the action's reply (the errors beside the fields). An answer that is the sign-in page keeps the page and
// opens the session dialog.
import { useMatches } from "@remix-run/react";
import { useState, type FormEvent } from "react";
import { announceSessionExpired } from "../layout/session-watch";

export function useUploadProgress<Reply>() {
  const matches = useMatches();
  const routeId = matches[matches.length - 1]?.id ?? "";
  /** 0–100 while sending; null when nothing is on its way. */
  const [progress, setProgress] = useState<number | null>(null);
  const [reply, setReply] = useState<Reply | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    if (progress !== null) {
      event.preventDefault(); // already on its way
      return;
    }
    event.preventDefault();
    const url = new URL(form.getAttribute("action") ?? window.location.pathname, window.location.href);
    url.searchParams.set("_data", routeId);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setProgress(Math.floor((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      setProgress(null);
      const redirectTo = xhr.getResponseHeader("X-Remix-Redirect");
      if (redirectTo !== null) {
        if (redirectTo.startsWith("/login")) return announceSessionExpired();
        // A whole page load: the notice the action left (a cookie) is read by the root loader, which a
        // client-side navigation would not run again.
        return window.location.assign(redirectTo);
      }
      try {
        setReply(JSON.parse(xhr.responseText) as Reply);
        setFailed(null);
      } catch {
        setFailed("送信できませんでした。ページを開き直して、もう一度お試しください。");
      }
    };
    xhr.onerror = () => {
      setProgress(null);
      setFailed("通信が途切れたため、送信できませんでした。つながっていることを確かめて、もう一度押してください。");
    };
    setProgress(0);
    setFailed(null);
    xhr.send(new FormData(form, (event.nativeEvent as SubmitEvent).submitter));
  };

  return { onSubmit, progress, reply, failed };
}
