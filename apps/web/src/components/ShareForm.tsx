import { putMemberBodySchema, type ShareRole } from '@inkwell/protocol';
import { type FormEvent, useId, useRef, useState } from 'react';
import { usePutMember } from '../hooks/use-members.ts';
import { type FormErrors, serverFormErrors, validateForm } from '../lib/form-errors.ts';
import { ROLE_LABELS, SHARE_ROLE_VERBS, SHARE_ROLES } from '../lib/roles.ts';
import { TextField } from './TextField.tsx';

const FIELDS = ['email', 'role'] as const;
type Field = (typeof FIELDS)[number];

/** Adds a person by e-mail (or changes their role when they already have access). */
export function ShareForm({ docId }: { docId: string }) {
  const put = usePutMember(docId);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<ShareRole>('editor');
  const [errors, setErrors] = useState<FormErrors<Field>>({});
  const [done, setDone] = useState<string | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const roleId = useId();

  function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    const result = validateForm(putMemberBodySchema, { email, role }, FIELDS);
    if (!result.ok) {
      setErrors(result.errors);
      emailRef.current?.focus();
      return;
    }
    setErrors({});
    put.mutate(result.data, {
      onSuccess: (member) => {
        setEmail('');
        setDone(`${member.user.name} can now ${member.role === 'owner' ? 'edit' : SHARE_ROLE_VERBS[member.role]} this document.`);
        emailRef.current?.focus();
      },
      onError: (error) => {
        setErrors(serverFormErrors(error, FIELDS, { USER_NOT_FOUND: { field: 'email', message: 'No account uses that e-mail' } }));
        emailRef.current?.focus();
      },
    });
  }

  return (
    <form className="share-form" onSubmit={submit} noValidate aria-label="Share with someone">
      <div className="share-form__row">
        <div className="share-form__email">
          <TextField
            label="E-mail"
            type="email"
            autoComplete="off"
            placeholder="name@example.com"
            autoFocus
            inputRef={emailRef}
            value={email}
            onValueChange={(value) => {
              setEmail(value);
              setErrors({});
              setDone(null);
            }}
            error={errors.email}
          />
        </div>
        <div className="field">
          <label htmlFor={roleId} className="field__label">
            Role
          </label>
          <select id={roleId} className="select" value={role} onChange={(event) => setRole(event.target.value as ShareRole)}>
            {SHARE_ROLES.map((value) => (
              <option key={value} value={value}>
                {ROLE_LABELS[value]}
              </option>
            ))}
          </select>
        </div>
        <button
          type="submit"
          className="button button--primary share-form__submit"
          disabled={put.isPending}
          aria-busy={put.isPending || undefined}
        >
          Share
        </button>
      </div>
      {(errors.form ?? errors.role) && (
        <p className="field__error" role="alert">
          {errors.form ?? errors.role}
        </p>
      )}
      {done && (
        <p className="share-form__done" role="status">
          {done}
        </p>
      )}
    </form>
  );
}
