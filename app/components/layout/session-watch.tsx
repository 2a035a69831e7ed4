// Says before the sign-in session ends, and after: five minutes before the idle (or absolute) limit a
// dialog offers to extend it; when it has ended (found by the timer, or by an autosave that was answered
// with the sign-in page) a dialog keeps the page where it is and lets the member sign in in another tab,
// then tells the forms to go on saving. What was typed stays in the page and in the browser's draft
// copy (app/components/forms/autosave.ts). docs/decisions/0014.
import { useEffect, useRef, useState } from "react";
import type { SessionReply } from "~/routes/session";

/** How long before the end the warning opens. */
export const WARN_BEFORE_MS = 5 * 60_000;
/** An autosave (or anything else) that found the session ended says so with this window event. */
export const SESSION_EXPIRED_EVENT = "portal:session-expired";
/** The member signed in again: forms that could not save retry with this window event. */
export const SESSION_RESUMED_EVENT = "portal:session-resumed";

export function announceSessionExpired() {
  window.dispatchEvent(new Event(SESSION_EXPIRED_EVENT));
}

type Shown = "none" | "warning" | "expired";

/** The time left by the server's clock, turned into this browser's clock (the two may differ). */
function localEnd(reply: { remainingSeconds: number | null }): number | null {
  return reply.remainingSeconds === null ? null : Date.now() + reply.remainingSeconds * 1000;
}

async function askSession(method: "GET" | "POST"): Promise<(SessionReply & { remainingSeconds: number | null }) | null> {
  try {
    // A POST without a session is answered with a redirect to the sign-in page: not followed, it means "ended".
    const response = await fetch("/session", {
      method,
      credentials: "same-origin",
      redirect: "manual",
      headers: { Accept: "application/json" },
      // A form like any other (the server reads only forms): nothing in it but what to do.
      body: method === "POST" ? new URLSearchParams({ intent: "extend" }) : undefined,
    });
    if (response.type === "opaqueredirect" || response.status === 0) return { signedIn: false, endsAt: null, extendable: false, remainingSeconds: null };
    if (!response.ok) return null;
    const reply = (await response.json()) as SessionReply;
    const serverNow = Date.parse(response.headers.get("Date") ?? "") || null;
    const endsAt = reply.endsAt ? Date.parse(reply.endsAt) : null;
    // Remaining time by the server's own clock where it says it (Date has whole seconds: good enough here).
    const remainingSeconds = endsAt === null ? null : Math.round((endsAt - (serverNow ?? Date.now())) / 1000);
    return { ...reply, remainingSeconds };
  } catch {
    return null; // offline for a moment: try again at the next tick
  }
}

export function SessionWatch({ remainingSeconds }: { remainingSeconds: number | null }) {
  const [shown, setShown] = useState<Shown>("none");
  const [end, setEnd] = useState<number | null>(null);
  const [extendable, setExtendable] = useState(true);
  const [now, setNow] = useState(() => Date.now());
  const [message, setMessage] = useState<string | null>(null);
  const warning = useRef<HTMLDialogElement>(null);
  const expired = useRef<HTMLDialogElement>(null);
  const warningFocus = useRef<HTMLButtonElement>(null);
  const expiredFocus = useRef<HTMLAnchorElement>(null);

  // Each page load (and revalidation) tells how long is left; the server extends sessions as they are used.
  useEffect(() => {
    setEnd(localEnd({ remainingSeconds }));
  }, [remainingSeconds]);

  useEffect(() => {
    const onExpired = () => setShown("expired");
    window.addEventListener(SESSION_EXPIRED_EVENT, onExpired);
    return () => window.removeEventListener(SESSION_EXPIRED_EVENT, onExpired);
  }, []);

  // One timer to the moment of the warning; then the server is asked (another tab may have extended it).
  useEffect(() => {
    if (end === null || shown === "expired") return;
    const check = async () => {
      const reply = await askSession("GET");
      if (!reply) return;
      if (!reply.signedIn) return setShown("expired");
      const newEnd = localEnd(reply);
      setExtendable(reply.extendable);
      setNow(Date.now());
      if (newEnd !== null && newEnd - Date.now() > WARN_BEFORE_MS) {
        setShown("none");
        setEnd(newEnd);
      } else {
        setShown("warning");
        setEnd(newEnd);
      }
    };
    const due = shown === "warning" ? end : end - WARN_BEFORE_MS;
    const timer = setTimeout(check, Math.max(0, due - Date.now()));
    return () => clearTimeout(timer);
  }, [end, shown]);

  // The minutes left, kept current while the warning is open.
  useEffect(() => {
    if (shown !== "warning") return;
    const tick = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(tick);
  }, [shown]);

  useEffect(() => {
    const [open, closed] = shown === "warning" ? [warning, expired] : shown === "expired" ? [expired, warning] : [null, null];
    if (closed?.current?.open) closed.current.close();
    if (open?.current && !open.current.open) {
      open.current.showModal();
      // showModal() focuses an element with the autofocus attribute, which React never renders: say
      // which control has the focus (extending, or closing when it cannot be extended; signing in).
      (shown === "warning" ? warningFocus : expiredFocus).current?.focus();
    }
    if (shown === "none") {
      if (warning.current?.open) warning.current.close();
      if (expired.current?.open) expired.current.close();
    }
    setMessage(null);
  }, [shown]);

  const extend = async () => {
    const reply = await askSession("POST");
    if (!reply) return setMessage("延長できませんでした。通信を確かめて、もう一度押してください。");
    if (!reply.signedIn) return setShown("expired");
    setEnd(localEnd(reply));
    setExtendable(reply.extendable);
    setShown("none");
  };

  const resume = async () => {
    const reply = await askSession("GET");
    if (!reply?.signedIn) return setMessage("まだサインインしていません。別のタブでサインインしてから、もう一度押してください。");
    setEnd(localEnd(reply));
    setShown("none");
    window.dispatchEvent(new Event(SESSION_RESUMED_EVENT));
  };

  const minutesLeft = end === null ? 0 : Math.max(0, Math.ceil((end - now) / 60_000));
  const signInHref = typeof window === "undefined" ? "/login" : `/login?redirectTo=${encodeURIComponent("/dashboard")}`;
  return (
    <>
      <dialog ref={warning} className="confirm-dialog" aria-labelledby="session-warning-title" aria-describedby="session-warning-text" onClose={() => shown === "warning" && setShown("none")}>
        <h2 id="session-warning-title">まもなくログインの有効期限が切れます</h2>
        <p id="session-warning-text">
          {extendable
            ? `あと約${minutesLeft}分で、操作のないままログインの有効期限が切れます。続けて使う場合は「延長する」を押してください。`
            : `サインインから時間がたったため、あと約${minutesLeft}分でログインの有効期限が切れます（これ以上延長できません）。入力中の内容を保存してから、サインインし直してください。`}
        </p>
        {message ? (
          <p className="error" role="alert">
            {message}
          </p>
        ) : null}
        <div className="actions">
          {extendable ? (
            <button type="button" className="button primary" ref={warningFocus} onClick={extend}>
              延長する
            </button>
          ) : null}
          <button type="button" className="button" ref={extendable ? undefined : warningFocus} onClick={() => setShown("none")}>
            閉じる
          </button>
        </div>
      </dialog>
      <dialog ref={expired} className="confirm-dialog" aria-labelledby="session-expired-title" aria-describedby="session-expired-text" onClose={() => shown === "expired" && setShown("none")}>
        <h2 id="session-expired-title">ログインの有効期限が切れました</h2>
        <div id="session-expired-text">
          <p>このページはそのままにしてあります。入力中の内容は、このブラウザーに保存してあります（サーバーにはまだ届いていません）。</p>
          <p>別のタブでサインインしてから、「サインインしたので続ける」を押してください。入力中の内容の保存を続けます。</p>
        </div>
        {message ? (
          <p className="error" role="alert">
            {message}
          </p>
        ) : null}
        <div className="actions">
          <a href={signInHref} target="_blank" rel="noopener" className="button" ref={expiredFocus}>
            別のタブでサインインする
          </a>
          <button type="button" className="button primary" onClick={resume}>
            サインインしたので続ける
          </button>
          <button type="button" className="button" onClick={() => setShown("none")}>
            閉じる（保存はまだしません）
          </button>
        </div>
      </dialog>
    </>
  );
}
