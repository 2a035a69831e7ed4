// After a client-side navigation to another page, what a full page load would have done for a screen
// reader and the keyboard: focus on the new page's heading (so Tab continues from there and not from the
// link that was pressed), and the new page's title read out in a polite live region.
// Not on the first page of the tab (the browser's own load is announced), and not when only the search,
// the hash or the form's result changed on the same page (a form's errors keep the focus the form gave
// them: its error summary or first invalid field).
import { useLocation } from "@remix-run/react";
import { useEffect, useState } from "react";

/** The path of the page last shown in this tab; module-level because the error page mounts a new shell. */
let shownPath: string | null = null;

export const ROUTE_ANNOUNCER_ID = "route-announcer";

export function RouteAnnouncer() {
  const { pathname } = useLocation();
  const [message, setMessage] = useState("");
  useEffect(() => {
    if (shownPath === null || shownPath === pathname) {
      shownPath = pathname;
      return;
    }
    shownPath = pathname;
    const target = document.querySelector<HTMLElement>("main h1") ?? document.getElementById("main");
    if (target) {
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      target.focus({ preventScroll: true });
    }
    setMessage(document.title);
  }, [pathname]);
  return (
    <div id={ROUTE_ANNOUNCER_ID} className="visually-hidden" aria-live="polite" aria-atomic="true">
      {message}
    </div>
  );
}
