// Form building blocks: every field has a label, its error stands next to it (and is announced),
// and what the user typed comes back from the server when validation fails.
import type { DefaultValue, FieldMetadata, SubmissionResult } from "@conform-to/react";
import { getCollectionProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { useNavigation } from "@remix-run/react";
import { useEffect, useId, useRef, useState, type ButtonHTMLAttributes, type ReactNode } from "react";
import type { z } from "zod";

type InputType = "text" | "email" | "password" | "url" | "tel" | "number" | "date" | "datetime-local";

export function TextField({
  field,
  label,
  type = "text",
  hint,
  autoComplete,
  required,
}: {
  field: FieldMetadata<string | number | undefined>;
  label: string;
  type?: InputType;
  hint?: string;
  autoComplete?: string;
  /** Needed for a later step (submitting) though not for saving: marked and `aria-required`, not `required`. */
  required?: boolean;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const inputProps = getInputProps(field, { type, ariaDescribedBy: hintId });
  // Passwords are never sent back to the page; everything else the user typed is.
  if (type === "password") delete inputProps.defaultValue;
  return (
    <div className="field">
      <LabelRow htmlFor={field.id} label={label} required={Boolean(required || field.required)} />
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <input {...inputProps} key={inputProps.key} autoComplete={autoComplete} aria-required={required || undefined} />
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

/**
 * The label, with （必須） beside it when the field must be filled. The mark stands outside the <label> and is
 * hidden from screen readers: the control carries `required` (or `aria-required`), which they announce
 * themselves — said twice it is noise — and the field's name stays its label alone.
 */
function LabelRow({ htmlFor, label, required }: { htmlFor: string; label: string; required: boolean }) {
  return (
    <div className="field-label">
      <label htmlFor={htmlFor}>{label}</label>
      {required ? <RequiredMark /> : null}
    </div>
  );
}

export function RequiredMark({ announced = false }: { announced?: boolean }) {
  return (
    <span className="required" aria-hidden={announced ? undefined : true}>
      （必須）
    </span>
  );
}

function Hint({ id, hint }: { id?: string; hint?: string }) {
  return hint ? (
    <p className="hint" id={id}>
      {hint}
    </p>
  ) : null;
}

export function TextArea({
  field,
  label,
  hint,
  rows = 5,
  required,
}: {
  field: FieldMetadata<string | undefined>;
  label: string;
  hint?: string;
  rows?: number;
  /** Needed for a later step (submitting) though not for saving: marked and `aria-required`, not `required`. */
  required?: boolean;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const props = getTextareaProps(field, { ariaDescribedBy: hintId });
  return (
    <div className="field">
      <LabelRow htmlFor={field.id} label={label} required={Boolean(required || field.required)} />
      <Hint id={hintId} hint={hint} />
      <textarea {...props} key={props.key} rows={rows} aria-required={required || undefined} />
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** A drop-down of code → label options; `placeholder` adds an empty first choice. */
export function SelectField({
  field,
  label,
  options,
  placeholder,
  hint,
  required,
}: {
  field: FieldMetadata<string | number | undefined>;
  label: string;
  options: readonly { code: string; label: string }[];
  placeholder?: string;
  hint?: string;
  required?: boolean;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const props = getSelectProps(field, { ariaDescribedBy: hintId });
  return (
    <div className="field">
      <LabelRow htmlFor={field.id} label={label} required={Boolean(required || field.required)} />
      <Hint id={hintId} hint={hint} />
      <select {...props} key={props.key} aria-required={required || undefined}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.code} value={o.code}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** Several choices as checkboxes in a fieldset whose legend is the label. */
export function Checkboxes({
  field,
  label,
  options,
  hint,
  required,
}: {
  field: FieldMetadata<string[] | undefined>;
  label: string;
  options: readonly { code: string; label: string }[];
  hint?: string;
  required?: boolean;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const boxes = getCollectionProps(field, { type: "checkbox", options: options.map((o) => o.code), ariaDescribedBy: hintId });
  const labels = new Map(options.map((o) => [o.code, o.label]));
  return (
    <fieldset className="field choices" aria-describedby={[hintId, field.errorId].filter(Boolean).join(" ")}>
      <legend>
        {label}
        {/* A group of checkboxes has no required attribute: here the mark itself is read out. */}
        {(required ?? field.required) ? <RequiredMark announced /> : null}
      </legend>
      <Hint id={hintId} hint={hint} />
      <div className="choice-list">
        {boxes.map(({ key, ...box }) => (
          <span key={key} className="choice">
            <input {...box} />
            <label htmlFor={box.id}>{labels.get(box.value)}</label>
          </span>
        ))}
      </div>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}

export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  return (
    <div id={id} className="field-errors" aria-live="polite">
      {errors?.map((e) => (
        <p key={e} className="error">
          {e}
        </p>
      ))}
    </div>
  );
}

export function FormErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <div id={id} className="form-errors" role="alert">
      {errors.map((e) => (
        <p key={e}>{e}</p>
      ))}
    </div>
  );
}

/** True once React has taken over the page in the browser (false while rendering on the server). */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

type SubmitButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, "type" | "children"> & {
  children: ReactNode;
  /** For a form sent by a fetcher: its state. Otherwise the page's navigation is watched. */
  fetcherState?: "idle" | "submitting" | "loading";
};

/**
 * A submit button that says 「送信中…」 and cannot be pressed again while what it sent is on its way
 * (a second press would send it twice). Only the button that was pressed changes; without JavaScript it
 * is a plain button.
 */
export function SubmitButton({ children, className = "button primary", fetcherState, onClick, disabled, ...rest }: SubmitButtonProps) {
  const navigation = useNavigation();
  const state = fetcherState ?? navigation.state;
  const [pressed, setPressed] = useState(false);
  useEffect(() => {
    if (state === "idle") setPressed(false);
  }, [state]);
  // Pressed but the browser-side validation stopped the submission: nothing is pending.
  const pending = pressed && state !== "idle";
  return (
    <button
      {...rest}
      type="submit"
      className={className}
      disabled={disabled || pending}
      aria-disabled={pending || undefined}
      onClick={(event) => {
        onClick?.(event);
        // After this event the form is submitted; the state change comes on the next render.
        if (!event.defaultPrevented) setPressed(true);
      }}
    >
      {pending ? "送信中…" : children}
    </button>
  );
}

/**
 * A submit button for what cannot be undone (submitting, deleting, handing over): it asks first, saying
 * what will happen. In the browser a modal dialog (「やめる」 has the focus, Esc closes it); without
 * JavaScript the same question opens under the button (<details>), so one press never does it. The
 * server is unchanged: the request is the same as the plain button's (docs/decisions/0014).
 */
export function ConfirmSubmit({
  children,
  title,
  message,
  confirmLabel,
  name,
  value,
  className = "button primary",
  ariaLabel,
}: {
  children: ReactNode;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  name?: string;
  value?: string;
  className?: string;
  /** The opening button's name when its text alone does not say whom it concerns. */
  ariaLabel?: string;
}) {
  const hydrated = useHydrated();
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const navigation = useNavigation();
  const id = useId();
  // showModal() focuses the element with the autofocus attribute, which React never renders (its autoFocus
  // only focuses on mount, when the dialog is still closed): without this 「提出する」, the first button,
  // would have the focus and a second Enter would submit.
  const ask = () => {
    dialog.current?.showModal();
    cancel.current?.focus();
  };
  // The answer came back (a refusal, or a page that stays): the question is done with.
  useEffect(() => {
    if (navigation.state === "idle") dialog.current?.close();
  }, [navigation.state]);
  if (!hydrated) {
    return (
      <details className="confirm">
        <summary className={className} aria-label={ariaLabel}>
          {children}
        </summary>
        <div className="confirm-body">
          <p>
            <strong>{title}</strong>
          </p>
          <div>{message}</div>
          <SubmitButton name={name} value={value} className={className}>
            {confirmLabel}
          </SubmitButton>
        </div>
      </details>
    );
  }
  return (
    <>
      <button type="button" className={className} aria-label={ariaLabel} aria-haspopup="dialog" onClick={ask}>
        {children}
      </button>
      <dialog ref={dialog} className="confirm-dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-message`}>
        <h2 id={`${id}-title`}>{title}</h2>
        <div id={`${id}-message`}>{message}</div>
        <div className="actions">
          <SubmitButton name={name} value={value} className={className}>
            {confirmLabel}
          </SubmitButton>
          <button type="button" className="button" ref={cancel} onClick={() => dialog.current?.close()}>
            やめる
          </button>
        </div>
      </dialog>
    </>
  );
}

// Only whether a field must be filled is taken from the schema: a maxLength in the page would cut pasted
// text short without a word, and the messages for lengths and patterns come from the schema anyway.
const requiredCache = new WeakMap<object, Record<string, { required: boolean }>>();
export function requiredConstraint(schema: z.ZodType): Record<string, { required: boolean }> {
  let cached = requiredCache.get(schema);
  if (cached) return cached;
  // conform walks an object; a schema refined or transformed as a whole is an object inside a pipe.
  let inner = schema as unknown as { _zod: { def: { type: string; in?: unknown } } };
  while (inner._zod.def.type === "pipe" && inner._zod.def.in) inner = inner._zod.def.in as typeof inner;
  const constraints = getZodConstraint(inner as never);
  // conform's answer resolves `rows[3].name` to `rows[].name`: keep asking it, and pass on `required` only.
  cached = new Proxy(constraints, {
    get(target, name, receiver) {
      const found: unknown = Reflect.get(target, name, receiver);
      return typeof name === "string" && found && typeof found === "object" ? { required: Boolean((found as { required?: boolean }).required) } : found;
    },
  }) as Record<string, { required: boolean }>;
  requiredCache.set(schema, cached);
  return cached;
}

/** A form validated by the same zod schema in the browser (on blur) as on the server. */
export function useSchemaForm<Schema extends z.ZodType<Record<string, unknown>, Record<string, unknown>>>(
  schema: Schema,
  lastResult: SubmissionResult<string[]> | null | undefined,
  defaultValue?: DefaultValue<z.input<Schema>>,
  options: { id?: string } = {},
) {
  return useForm<z.input<Schema>, z.output<Schema>>({
    id: options.id,
    lastResult,
    defaultValue,
    constraint: requiredConstraint(schema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
}

/** A new password and its confirmation, as sign-up, password change and reset ask for them. */
export function NewPasswordFields({
  password,
  passwordConfirm,
  label,
  minLength,
}: {
  password: FieldMetadata<string | undefined>;
  passwordConfirm: FieldMetadata<string | undefined>;
  label: "パスワード" | "新しいパスワード";
  minLength: number;
}) {
  return (
    <>
      <TextField field={password} label={label} type="password" hint={`${minLength}文字以上。長い文章のようなパスワードがおすすめです。`} autoComplete="new-password" />
      <TextField field={passwordConfirm} label={`${label}（確認）`} type="password" autoComplete="new-password" />
    </>
  );
}

/** The buttons of a record that is a draft until published (a sheet, a call): save, and save and publish. */
export function SaveOrPublishButtons({ published }: { published: boolean }) {
  return (
    <div className="actions">
      <SubmitButton name="intent" value="save" className="button">
        {published ? "変更を保存する" : "下書きとして保存する"}
      </SubmitButton>
      {published ? null : (
        <SubmitButton name="intent" value="publish" className="button primary">
          保存して公開する
        </SubmitButton>
      )}
    </div>
  );
}

