// Form building blocks: every field has a label, its error stands next to it (and is announced),
// and what the user typed comes back from the server when validation fails.
import type { DefaultValue, FieldMetadata, SubmissionResult } from "@conform-to/react";
import { getCollectionProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ReactNode } from "react";
import type { z } from "zod";

type InputType = "text" | "email" | "password" | "url" | "tel" | "number" | "date" | "datetime-local";

export function TextField({
  field,
  label,
  type = "text",
  hint,
  autoComplete,
}: {
  field: FieldMetadata<string | number | undefined>;
  label: string;
  type?: InputType;
  hint?: string;
  autoComplete?: string;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const inputProps = getInputProps(field, { type, ariaDescribedBy: hintId });
  // Passwords are never sent back to the page; everything else the user typed is.
  if (type === "password") delete inputProps.defaultValue;
  return (
    <div className="field">
      <label htmlFor={field.id}>
        {label}
        {field.required ? <span className="required">（必須）</span> : null}
      </label>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <input {...inputProps} key={inputProps.key} autoComplete={autoComplete} />
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

function FieldLabel({ field, label }: { field: FieldMetadata<unknown>; label: string }) {
  return (
    <>
      {label}
      {field.required ? <span className="required">（必須）</span> : null}
    </>
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
}: {
  field: FieldMetadata<string | undefined>;
  label: string;
  hint?: string;
  rows?: number;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const props = getTextareaProps(field, { ariaDescribedBy: hintId });
  return (
    <div className="field">
      <label htmlFor={field.id}>
        <FieldLabel field={field} label={label} />
      </label>
      <Hint id={hintId} hint={hint} />
      <textarea {...props} key={props.key} rows={rows} />
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
}: {
  field: FieldMetadata<string | number | undefined>;
  label: string;
  options: readonly { code: string; label: string }[];
  placeholder?: string;
  hint?: string;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const props = getSelectProps(field, { ariaDescribedBy: hintId });
  return (
    <div className="field">
      <label htmlFor={field.id}>
        <FieldLabel field={field} label={label} />
      </label>
      <Hint id={hintId} hint={hint} />
      <select {...props} key={props.key}>
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
}: {
  field: FieldMetadata<string[] | undefined>;
  label: string;
  options: readonly { code: string; label: string }[];
  hint?: string;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const boxes = getCollectionProps(field, { type: "checkbox", options: options.map((o) => o.code), ariaDescribedBy: hintId });
  const labels = new Map(options.map((o) => [o.code, o.label]));
  return (
    <fieldset className="field choices" aria-describedby={[hintId, field.errorId].filter(Boolean).join(" ")}>
      <legend>
        <FieldLabel field={field} label={label} />
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

export function SubmitButton({ children }: { children: ReactNode }) {
  return (
    <button type="submit" className="button primary">
      {children}
    </button>
  );
}

/** A form validated by the same zod schema in the browser (on blur) as on the server. */
export function useSchemaForm<Schema extends z.ZodType<Record<string, unknown>, Record<string, unknown>>>(
  schema: Schema,
  lastResult: SubmissionResult<string[]> | null | undefined,
  defaultValue?: DefaultValue<z.input<Schema>>,
) {
  return useForm<z.input<Schema>, z.output<Schema>>({
    lastResult,
    defaultValue,
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

