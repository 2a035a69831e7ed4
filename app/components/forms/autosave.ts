// Autosave for long forms (the proposal, the reviewer's score sheet, …), one hook for all of them:
// - a few seconds after typing stops, the form is posted with intent=autosave to its own route, whose action
//   answers { revision, savedAt } | { conflict } | { status: "error" };
// - what was typed is kept in the browser (localStorage, per user and form) until the server has it, and
//   put back, with a notice, when the page opens with the same saved revision it was typed on (a reload, a
//   crash, a sign-in in between);
// - an autosave answered with the sign-in page does not follow it: the page stays, the session dialog
//   opens (app/components/layout/session-watch.tsx), and saving goes on once the member has signed in again;
// - a submit pressed while an autosave is on its way waits for it and goes with the revision it returned
//   (otherwise the member's own autosave would make their submit look stale).
// Forms the server does not autosave (a sheet, a call, a group profile: `server: false`, or
// `useBrowserCopy`) keep only the browser's copy: it comes back after a reload or a sign-in in between,
// and goes once the form's own submit is answered with another page (not the sign-in page).
// Without JavaScript none of this runs and the form posts as usual. docs/decisions/0014.
import { useMatches, useNavigation, useRouteLoaderData } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState, type FormEvent, type FormEventHandler, type RefObject } from "react";
import { announceSessionExpired, SESSION_RESUMED_EVENT } from "../layout/session-watch";
import { tokyoParts } from "~/domain/calendar/tokyo-time";

export const AUTOSAVE_DELAY_MS = 4000;
const STORAGE_PREFIX = "kyodo:draft:";

export type AutosaveReply = { revision?: number; savedAt?: string; conflict?: string; status?: string };

interface LocalCopy {
  /** The saved revision the text was typed on. */
  baseRevision: string;
  /** When it was typed (this browser's clock), for the notice. */
  typedAt: number;
  /** Posted by the form's own buttons: once the server shows a newer revision, it has this text. */
  sent?: boolean;
  entries: [string, string][];
}

type Phase = "idle" | "dirty" | "saving" | "saved" | "invalid" | "conflict" | "expired" | "offline";

/** The fields a member typed into: not the hidden ones (revision, intent), files or passwords. */
function typedEntries(form: HTMLFormElement): [string, string][] {
  const entries: [string, string][] = [];
  for (const element of Array.from(form.elements)) {
    if (!(element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement)) continue;
    if (!element.name || element.disabled) continue;
    if (element instanceof HTMLInputElement) {
      if (["hidden", "file", "password", "submit", "button"].includes(element.type)) continue;
      if ((element.type === "checkbox" || element.type === "radio") && !element.checked) continue;
    }
    entries.push([element.name, element.value]);
  }
  return entries;
}

/** Puts typed values back into the form's fields, telling the page (and conform) as typing would. */
function applyEntries(form: HTMLFormElement, entries: [string, string][]) {
  const byName = new Map<string, string[]>();
  for (const [name, value] of entries) byName.set(name, [...(byName.get(name) ?? []), value]);
  const used = new Map<string, number>();
  for (const element of Array.from(form.elements)) {
    if (!(element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement)) continue;
    if (!element.name || (element instanceof HTMLInputElement && ["hidden", "file", "password", "submit", "button"].includes(element.type))) continue;
    const values = byName.get(element.name) ?? [];
    let changed = false;
    if (element instanceof HTMLInputElement && (element.type === "checkbox" || element.type === "radio")) {
      const checked = values.includes(element.value);
      changed = element.checked !== checked;
      element.checked = checked;
    } else {
      const index = used.get(element.name) ?? 0;
      used.set(element.name, index + 1);
      const value = values[index] ?? "";
      changed = element.value !== value;
      element.value = value;
    }
    if (changed) element.dispatchEvent(new Event("input", { bubbles: true }));
  }
}

function readLocal(key: string): LocalCopy | null {
  try {
    const text = window.localStorage.getItem(key);
    return text ? (JSON.parse(text) as LocalCopy) : null;
  } catch {
    return null;
  }
}

function writeLocal(key: string, copy: LocalCopy | null) {
  try {
    if (copy) window.localStorage.setItem(key, JSON.stringify(copy));
    else window.localStorage.removeItem(key);
  } catch {
    // Storage full or refused (private mode): the page itself still holds the text.
  }
}

/**
 * Forgets the copies this member's forms kept in the browser: signing out on a shared computer (a library,
 * a community centre) leaves none of their text to the next person. Other members' copies stay theirs.
 */
export function forgetBrowserCopies(userId: string) {
  try {
    const prefix = `${STORAGE_PREFIX}${userId}:`;
    for (const key of Object.keys(window.localStorage)) if (key.startsWith(prefix)) window.localStorage.removeItem(key);
  } catch {
    // Storage refused: nothing was kept either.
  }
}

const sameEntries = (a: [string, string][], b: [string, string][]) => JSON.stringify(a) === JSON.stringify(b);

function timeOfDay(ms: number) {
  const { hour, minute } = tokyoParts(new Date(ms));
  return `${hour}:${String(minute).padStart(2, "0")}`;
}

export function useAutosave({
  formRef,
  formKey,
  revision,
  enabled = true,
  server = true,
}: {
  formRef: RefObject<HTMLFormElement>;
  /** Names the form among the member's forms, e.g. `proposal:<id>`. */
  formKey: string;
  /** The saved revision the page was rendered with (a number, a time of saving, or "new"). */
  revision: string;
  enabled?: boolean;
  /** False: nothing is posted while typing; only the browser keeps a copy. */
  server?: boolean;
}) {
  const root = useRouteLoaderData<{ viewer: { id: string } | null }>("root");
  const matches = useMatches();
  const routeId = matches[matches.length - 1]?.id ?? "";
  const storageKey = `${STORAGE_PREFIX}${root?.viewer?.id ?? "anonymous"}:${formKey}`;

  const [currentRevision, setCurrentRevision] = useState(revision);
  const [phase, setPhase] = useState<Phase>("idle");
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [restored, setRestored] = useState<{ at: number; automatic: boolean } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const edits = useRef(0);
  const inFlight = useRef(false);
  const pendingSubmit = useRef<HTMLElement | null>(null);
  const revisionRef = useRef(revision);
  revisionRef.current = currentRevision;

  useEffect(() => {
    setCurrentRevision(revision);
  }, [revision]);

  const keepLocal = useCallback(() => {
    const form = formRef.current;
    if (!form) return;
    writeLocal(storageKey, { baseRevision: revisionRef.current, typedAt: Date.now(), entries: typedEntries(form) });
  }, [formRef, storageKey]);

  const save = useCallback(async () => {
    const form = formRef.current;
    if (!form || !enabled || !server || inFlight.current) return;
    const sentAt = edits.current;
    const data = new FormData(form);
    data.set("intent", "autosave");
    data.set("revision", revisionRef.current);
    const url = new URL(form.getAttribute("action") ?? window.location.pathname, window.location.href);
    url.searchParams.set("_data", routeId);
    inFlight.current = true;
    setPhase("saving");
    let reply: AutosaveReply | null = null;
    try {
      // Sent as a plain form (files are not autosaved): a route may take multipart posts for uploads.
      const body = new URLSearchParams();
      for (const [name, value] of data) if (typeof value === "string") body.append(name, value);
      const response = await fetch(url, { method: "POST", body, credentials: "same-origin" });
      // Remix answers a redirect of a data request with 204 and this header; the guard's is to sign-in.
      const redirectTo = response.headers.get("X-Remix-Redirect");
      if (redirectTo !== null) {
        setPhase("expired");
        if (redirectTo.startsWith("/login")) announceSessionExpired();
        return;
      }
      reply = (await response.json()) as AutosaveReply;
    } catch {
      setPhase("offline");
      return;
    } finally {
      inFlight.current = false;
    }
    if (reply.conflict) {
      setConflict(reply.conflict);
      setPhase("conflict");
    } else if (reply.revision !== undefined) {
      const next = String(reply.revision);
      revisionRef.current = next;
      setCurrentRevision(next);
      setSavedAt(reply.savedAt ?? null);
      // The server has what was sent; what was typed since stays in the browser until it has that too.
      if (edits.current === sentAt) {
        writeLocal(storageKey, null);
        setPhase("saved");
      } else {
        keepLocal();
        setPhase("dirty");
        clearTimeout(timer.current);
        timer.current = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
      }
    } else {
      setPhase("invalid");
    }
  }, [enabled, formRef, keepLocal, routeId, server, storageKey]);

  // On opening: text typed here earlier that the server never got comes back.
  useEffect(() => {
    const form = formRef.current;
    if (!form || !enabled) return;
    const copy = readLocal(storageKey);
    if (!copy) return;
    // Saved since it was typed (revisions only grow, so "another one" is "a newer one").
    const stale = copy.baseRevision !== revision;
    if (stale && copy.sent) return writeLocal(storageKey, null); // the form's own save reached the server
    if (sameEntries(copy.entries, typedEntries(form))) return writeLocal(storageKey, null);
    if (stale) {
      // Someone saved after it was typed: offered, not put over their text.
      setRestored({ at: copy.typedAt, automatic: false });
      return;
    }
    applyEntries(form, copy.entries);
    setRestored({ at: copy.typedAt, automatic: true });
    edits.current += 1;
    setPhase("dirty");
    if (server) timer.current = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
    // Once, on the page's first render with this form and revision.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [storageKey]);

  const restoreOlderCopy = useCallback(() => {
    const form = formRef.current;
    const copy = readLocal(storageKey);
    if (!form || !copy) return;
    applyEntries(form, copy.entries);
    setRestored({ at: copy.typedAt, automatic: true });
    edits.current += 1;
    keepLocal();
    setPhase("dirty");
  }, [formRef, keepLocal, storageKey]);

  const discardOlderCopy = useCallback(() => {
    writeLocal(storageKey, null);
    setRestored(null);
  }, [storageKey]);

  // Signed in again in another tab: save what is waiting.
  useEffect(() => {
    const resume = () => {
      if (formRef.current && readLocal(storageKey)) void save();
    };
    window.addEventListener(SESSION_RESUMED_EVENT, resume);
    window.addEventListener("online", resume);
    return () => {
      window.removeEventListener(SESSION_RESUMED_EVENT, resume);
      window.removeEventListener("online", resume);
    };
  }, [formRef, save, storageKey]);

  useEffect(() => () => clearTimeout(timer.current), []);

  // A submit that waited for an autosave goes now, with the revision that autosave returned.
  useEffect(() => {
    const form = formRef.current;
    const submitter = pendingSubmit.current;
    if (!form || !submitter || phase === "saving") return;
    pendingSubmit.current = null;
    form.requestSubmit(submitter instanceof HTMLButtonElement ? submitter : undefined);
  }, [formRef, phase, currentRevision]);

  const onInput = useCallback(() => {
    if (!enabled || phase === "conflict") return;
    edits.current += 1;
    keepLocal();
    setPhase((p) => (p === "expired" ? p : "dirty"));
    clearTimeout(timer.current);
    if (server) timer.current = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
  }, [enabled, keepLocal, phase, save, server]);

  // The form's own submit was answered with another page: the server has what was sent. (The sign-in page
  // is no answer — the session had ended; the copy waits for the member to come back.)
  const navigation = useNavigation();
  useEffect(() => {
    const form = formRef.current;
    if (navigation.state !== "loading" || !navigation.formAction || !form) return;
    if (new URL(navigation.formAction, window.location.href).pathname !== new URL(form.action, window.location.href).pathname) return;
    const target = navigation.location.pathname;
    if (target === window.location.pathname || target.startsWith("/login")) return;
    if (readLocal(storageKey)?.sent) writeLocal(storageKey, null);
  }, [formRef, navigation, storageKey]);

  /** For the form's own buttons (save, submit): no autosave races them; the browser copy waits for the answer. */
  const onSubmit = useCallback(
    (event: FormEvent<HTMLFormElement>) => {
      clearTimeout(timer.current);
      if (inFlight.current) {
        event.preventDefault();
        pendingSubmit.current = (event.nativeEvent as SubmitEvent).submitter ?? null;
        return;
      }
      const copy = readLocal(storageKey);
      if (copy) writeLocal(storageKey, { ...copy, sent: true, entries: formRef.current ? typedEntries(formRef.current) : copy.entries });
    },
    [formRef, storageKey],
  );

  const status =
    phase === "saving"
      ? "保存しています…"
      : phase === "dirty"
        ? "未保存の変更があります（このブラウザーには残してあります）"
        : phase === "saved"
          ? savedAt
            ? `自動保存しました（${savedAt}）`
            : "自動保存しました"
          : phase === "invalid"
            ? "入力内容に直す所があるため、自動保存できませんでした。「下書きを保存する」を押すと、直す所が項目の横に表示されます。"
            : phase === "expired"
              ? "ログインの有効期限が切れたため、保存できませんでした。入力した内容はこのブラウザーに残してあります。サインインすると保存を続けます。"
              : phase === "offline"
                ? "通信できないため、保存できませんでした。入力した内容はこのブラウザーに残してあります。つながると保存を続けます。"
                : null;

  const restoredNotice = restored
    ? restored.automatic
      ? `${timeOfDay(restored.at)} にこのブラウザーで入力し、まだ保存されていなかった内容を戻しました。`
      : `このブラウザーに、${timeOfDay(restored.at)} に入力して保存されなかった内容が残っています。その後、別の人が保存しています。`
    : null;

  return {
    revision: currentRevision,
    onInput,
    onSubmit,
    status,
    conflict,
    restoredNotice,
    /** Only when the browser's copy is older than the saved text: whether to put it back is the member's choice. */
    olderCopy: restored && !restored.automatic ? { restore: restoreOlderCopy, discard: discardOlderCopy } : null,
  };
}

/**
 * A form the server does not autosave keeps what was typed in this browser (see above): pass conform's
 * form props (or none) and spread the result onto the <Form>; show `copy` with <AutosaveNotices>.
 */
/** Where this browser keeps what was typed until the server has it (app/components/forms/autosave.ts). */
export type KeptAs = { key: string; revision: string };

export function useBrowserCopy(formKey: string, revision: string, formProps: { onSubmit?: FormEventHandler<HTMLFormElement> } = {}) {
  const formRef = useRef<HTMLFormElement>(null);
  const copy = useAutosave({ formRef, formKey, revision, server: false });
  return {
    copy,
    formProps: {
      ...formProps,
      ref: formRef,
      onInput: copy.onInput,
      onSubmit: (event: FormEvent<HTMLFormElement>) => {
        copy.onSubmit(event);
        if (!event.defaultPrevented) formProps.onSubmit?.(event);
      },
    },
  };
}
