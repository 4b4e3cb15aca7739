import { loginBodySchema, Pages } from '@inkwell/protocol';
import { AuthCard } from '../components/AuthCard.tsx';
import { Link } from '../components/Link.tsx';
import { TextField } from '../components/TextField.tsx';
import { useSignIn } from '../hooks/use-auth.ts';
import { useAuthForm } from '../hooks/use-auth-form.ts';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { authPagePath } from '../lib/next-path.ts';

const FIELDS = ['email', 'password'] as const;

export function SignInPage({ next }: { next: string }) {
  useDocumentTitle('Sign in');
  const form = useAuthForm({
    fields: FIELDS,
    schema: loginBodySchema,
    mutation: useSignIn(),
    // Said of both fields at once: the server does not tell which one was wrong, on purpose.
    byCode: { INVALID_CREDENTIALS: { field: 'form', message: 'Wrong e-mail or password' } },
  });

  return (
    <AuthCard
      title="Sign in to Inkwell"
      subtitle="Welcome back. Your documents are waiting."
      footer={
        <>
          No account yet? <Link to={authPagePath(Pages.signUp, next)}>Create one</Link>
        </>
      }
    >
      <form className="auth__form" onSubmit={form.submit} noValidate aria-label="Sign in">
        <TextField label="E-mail" type="email" autoComplete="email" autoFocus {...form.field('email')} />
        <TextField label="Password" type="password" autoComplete="current-password" {...form.field('password')} />
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
          Sign in
        </button>
      </form>
    </AuthCard>
  );
}
