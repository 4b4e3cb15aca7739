import type { ReactNode } from 'react';
import type { Form } from '../hooks/use-form.ts';

interface AuthCardProps {
  title: string;
  subtitle: string;
  form: Pick<Form<string>, 'submit' | 'formError' | 'pending'>;
  /** The submit button's text, which also names the form ("Sign in"). */
  action: string;
  /** The form's fields. */
  children: ReactNode;
  /** The way to the other page ("No account yet? Create one"). */
  footer: ReactNode;
}

/** The frame and form shared by the sign-in and sign-up pages. */
export function AuthCard({ title, subtitle, form, action, children, footer }: AuthCardProps) {
  return (
    <div className="auth">
      <div className="auth__card">
        <h1 className="auth__title">{title}</h1>
        <p className="auth__subtitle">{subtitle}</p>
        <form className="auth__form" onSubmit={form.submit} noValidate aria-label={action}>
          {children}
          {form.formError && (
            <p className="notice notice--error auth__error" role="alert" data-testid="form-error">
              {form.formError}
            </p>
          )}
          <button
            type="submit"
            className="button button--primary button--block"
            disabled={form.pending}
            aria-busy={form.pending || undefined}
          >
            {action}
          </button>
        </form>
      </div>
      <p className="auth__footer">{footer}</p>
    </div>
  );
}
