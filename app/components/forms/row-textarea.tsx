// A text area inside one row of a repeated group of fields (a call's review criterion, a group's
// activity), with its errors beside it as the field-level components show them.
import { FieldErrors } from "./form";

export function RowTextarea({ id, name, label, defaultValue, errors }: { id: string; name: string; label: string; defaultValue: string; errors?: string[] }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        name={name}
        rows={2}
        defaultValue={defaultValue}
        aria-invalid={errors ? true : undefined}
        aria-describedby={errors ? `${id}-error` : undefined}
      />
      <FieldErrors id={`${id}-error`} errors={errors} />
    </div>
  );
}
