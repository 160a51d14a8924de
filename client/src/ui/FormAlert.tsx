import type { ApiError } from '../api.ts';
import { useI18n, type MessageKey } from '../i18n/index.ts';
import { useErrorText } from './Async.tsx';

const issueKeys: Record<string, MessageKey> = {
  too_small: 'issue.too_small',
  too_big: 'issue.too_big',
  invalid_format: 'issue.invalid_format',
  invalid_type: 'issue.invalid_type',
  invalid_value: 'issue.invalid_value',
  unrecognized_keys: 'issue.unrecognized_keys',
};

interface Issue {
  path: (string | number)[];
  code?: string;
  message: string;
}

/** The issues of a VALIDATION_FAILED error, each with its JSON pointer (`/speakers/0`) split into a path. */
export function validationIssues(error: ApiError): Issue[] {
  if (error.code !== 'VALIDATION_FAILED') return [];
  return (error.details?.issues ?? []).map(({ path, code, message }) => ({ path: path.split('/').filter((p) => p !== ''), code, message }));
}

/**
 * The error of a form, announced (role="alert"). VALIDATION_FAILED lists each issue by its field label;
 * `describe` lets a form word a code its own way (a stage conflict names the sessions).
 * With an `id`, invalid fields can point at it (aria-describedby) and the form can move focus to it.
 */
export function FormAlert({
  id,
  error,
  fields = {},
  describe,
}: {
  id?: string;
  error: ApiError | string | null;
  fields?: Record<string, string>;
  describe?: (error: ApiError) => string | null;
}) {
  const { t } = useI18n();
  const errorText = useErrorText();
  let message: string | null = null;
  let items: string[] = [];
  if (typeof error === 'string') message = error;
  else if (error) {
    message = describe?.(error) ?? errorText(error);
    items = validationIssues(error).map((issue) => {
      const field = issue.path.map(String).find((p) => p in fields);
      const key = issue.code ? issueKeys[issue.code] : undefined;
      return field
        ? t('issue.field', { field: fields[field]!, problem: key ? t(key) : issue.message || t('issue.other') })
        : issue.message;
    });
  }
  return (
    <div className="form-alert" role="alert" id={id} tabIndex={id ? -1 : undefined}>
      {message && (
        <div className="form-alert-box">
          <p>{message}</p>
          {items.length > 0 && (
            <ul>
              {items.map((item, i) => (
                <li key={i}>{item}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

/** A polite confirmation after a save ("Ändringarna är sparade."). */
export function FormStatus({ message }: { message: string | null }) {
  return (
    <div className="form-status" role="status">
      {message && <p>{message}</p>}
    </div>
  );
}

