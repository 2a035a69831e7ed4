// Form building blocks: every field has a label, its error stands next to it (and is announced),
// and what the user typed comes back from the server when validation fails.
import type { FieldMetadata } from "@conform-to/react";
import { getInputProps } from "@conform-to/react";
import type { ReactNode } from "react";

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
