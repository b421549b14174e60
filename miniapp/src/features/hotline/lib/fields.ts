import type { FieldIssue } from '@zwgk/contracts';

/** The submit form's fields, as the screen names them. */
export type FormField = 'type' | 'title' | 'description' | 'address' | 'photos' | 'phone' | 'contactAllowed' | 'anonymous' | 'form';

export type FieldErrors = Partial<Record<FormField, string>>;

// Request paths (zod issue paths / the server's `details[].field`) → form fields.
const byPath: Array<[RegExp, FormField]> = [
  [/^type$/, 'type'],
  [/^title$/, 'title'],
  [/^description$/, 'description'],
  [/^location(\.|$)/, 'address'],
  [/^photoIds(\.|$)/, 'photos'],
  [/^(contactPhone|contactName)$/, 'phone'],
  [/^contactAllowed$/, 'contactAllowed'],
  [/^anonymous$/, 'anonymous'],
];

/** Maps a request path (`location.address`, `photoIds.2`) to the form field that shows its message. */
export function fieldOf(path: string): FormField {
  for (const [pattern, field] of byPath) if (pattern.test(path)) return field;
  return 'form';
}

/** Field messages from a list of issues; the first message per field wins. */
export function fieldErrorsOf(issues: FieldIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = fieldOf(issue.field);
    errors[field] ??= issue.message;
  }
  return errors;
}

/** The `details` of a 400 as field issues, or [] when it has none in that shape. */
export function issuesOf(details: unknown): FieldIssue[] {
  if (!Array.isArray(details)) return [];
  return details.filter(
    (d): d is FieldIssue => typeof d === 'object' && d !== null && typeof (d as FieldIssue).field === 'string' && typeof (d as FieldIssue).message === 'string',
  );
}
