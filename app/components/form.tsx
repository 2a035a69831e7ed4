// Form building blocks: every field has a label, its error stands next to it (and is announced),
// and what the user typed comes back from the server when validation fails.
import type { DefaultValue, FieldMetadata, SubmissionResult } from "@conform-to/react";
import { getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ReactNode } from "react";
import type { z } from "zod";

type InputType = "text" | "email" | "password" | "url" | "tel" | "number" | "date";

export function TextField({
  field,
  label,
  type = "text",
  hint,
  autoComplete,
}: {
  field: FieldMetadata<string | undefined>;
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

/** Several lines of text; the same label, hint and error placement as TextField. */
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
        {label}
        {field.required ? <span className="required">（必須）</span> : null}
      </label>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <textarea {...props} key={props.key} rows={rows} />
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** One choice from a fixed list. */
export function SelectField({
  field,
  label,
  options,
  placeholder = "選んでください",
}: {
  field: FieldMetadata<string | undefined>;
  label: string;
  options: readonly { code: string; label: string }[];
  placeholder?: string;
}) {
  const props = getSelectProps(field);
  return (
    <div className="field">
      <label htmlFor={field.id}>
        {label}
        {field.required ? <span className="required">（必須）</span> : null}
      </label>
      <select {...props} key={props.key}>
        <option value="">{placeholder}</option>
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

/** Several choices from a fixed list, as checkboxes in a fieldset whose legend is the label. */
export function CheckboxGroup({
  field,
  label,
  options,
}: {
  field: FieldMetadata<string[] | undefined>;
  label: string;
  options: readonly { code: string; label: string }[];
}) {
  const checked = new Set<string>(Array.isArray(field.initialValue) ? (field.initialValue as string[]) : field.initialValue ? [String(field.initialValue)] : []);
  return (
    <fieldset className="field checkboxes" aria-describedby={field.errorId} aria-invalid={field.errors ? true : undefined}>
      <legend>{label}</legend>
      <div className="choices">
        {options.map((o) => (
          <label key={o.code}>
            <input type="checkbox" name={field.name} value={o.code} defaultChecked={checked.has(o.code)} /> {o.label}
          </label>
        ))}
      </div>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}
