// What the autosave tells the person writing, the same on every form it serves: a conflicting save,
// text restored from this browser (with the choice to take or drop an older copy), and its status line.
import type { useAutosave } from "./autosave";

export function AutosaveNotices({ autosave }: { autosave: ReturnType<typeof useAutosave> }) {
  return (
    <>
      {autosave.conflict ? (
        <div className="form-errors" role="alert">
          <p>{autosave.conflict}</p>
        </div>
      ) : null}
      {autosave.restoredNotice ? (
        <div className="notice" role="status">
          <p>{autosave.restoredNotice}</p>
          {autosave.olderCopy ? (
            <p className="actions">
              <button type="button" className="button" onClick={autosave.olderCopy.restore}>
                このブラウザーに残っていた内容に戻す
              </button>
              <button type="button" className="button" onClick={autosave.olderCopy.discard}>
                残っていた内容を捨てる
              </button>
            </p>
          ) : null}
        </div>
      ) : null}
      <p className="autosave-status" aria-live="polite">
        {autosave.status}
      </p>
    </>
  );
}
