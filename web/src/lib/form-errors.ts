import type { FormInstance } from 'antd';
import type { FieldError } from './api-client.js';

export type FieldPath = (string | number)[];

/** `roles.0.regionCode` → `['roles', 0, 'regionCode']`, the name path antd forms use. */
export function toFieldPath(path: string): FieldPath {
  return path.split('.').map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/**
 * Puts the server's per-field messages on the form's inputs. `mapPath` translates a server path
 * to a field of this form (return undefined if the form has no such field); by default paths are
 * used as they are. Returns the errors that found no field, for a message above the form.
 */
export function showFieldErrors(
  // Any form: the paths are only known at run time, so the form's value type cannot check them.
  form: Pick<FormInstance, 'setFields'>,
  errors: readonly FieldError[],
  mapPath: (path: string) => FieldPath | undefined = toFieldPath,
): FieldError[] {
  const unmatched: FieldError[] = [];
  const fields: { name: FieldPath; errors: string[] }[] = [];
  for (const error of errors) {
    const name = mapPath(error.path);
    if (!name) {
      unmatched.push(error);
      continue;
    }
    const existing = fields.find((field) => field.name.join('.') === name.join('.'));
    if (existing) existing.errors.push(error.message);
    else fields.push({ name, errors: [error.message] });
  }
  form.setFields(fields);
  return unmatched;
}

/** A safe in-app path to return to after sign-in: only same-site absolute paths are accepted. */
export function safeNextPath(value: string | null, fallback: string): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  return value;
}
