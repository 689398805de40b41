import { Link } from '@tanstack/react-router';
import { SignUpForm } from '../features/auth/sign-up-form.tsx';

export function SignUpPage() {
  return (
    <main id="main" className="auth-page">
      <h1>Create your account</h1>
      <SignUpForm />
      <p>
        Already have an account? <Link to="/sign-in">Sign in</Link>
      </p>
    </main>
  );
}
