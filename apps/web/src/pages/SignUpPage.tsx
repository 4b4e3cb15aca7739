import { PASSWORD_MIN_LENGTH, Pages, registerBodySchema } from '@inkwell/protocol';
import { AuthCard } from '../components/AuthCard.tsx';
import { Link } from '../components/Link.tsx';
import { TextField } from '../components/TextField.tsx';
import { useSignUp } from '../hooks/use-auth.ts';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { useForm } from '../hooks/use-form.ts';
import { navigate } from '../lib/navigation.ts';
import { authPagePath } from '../lib/next-path.ts';

export function SignUpPage({ next }: { next: string }) {
  useDocumentTitle('Create an account');
  const form = useForm({
    initialValues: { name: '', email: '', password: '' },
    schema: registerBodySchema,
    mutation: useSignUp(),
    byCode: { EMAIL_TAKEN: { field: 'email', message: 'An account with this e-mail already exists' } },
    onSuccess: () => navigate(next, { replace: true }),
  });

  return (
    <AuthCard
      title="Create your account"
      subtitle="Write together in real time. Others see this name next to your cursor."
      form={form}
      action="Create account"
      footer={
        <>
          Already have an account? <Link to={authPagePath(Pages.signIn, next)}>Sign in</Link>
        </>
      }
    >
      <TextField label="Name" autoComplete="name" autoFocus {...form.field('name')} />
      <TextField label="E-mail" type="email" autoComplete="email" {...form.field('email')} />
      <TextField
        label="Password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters`}
        {...form.field('password')}
      />
    </AuthCard>
  );
}
