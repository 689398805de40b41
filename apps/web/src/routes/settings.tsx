import { useMe } from '../features/auth/use-me.ts';
import { ChangePasswordForm } from '../features/settings/change-password-form.tsx';
import { DeleteAccountForm } from '../features/settings/delete-account-form.tsx';
import { ProfileForm } from '../features/settings/profile-form.tsx';
import { SignOutButtons } from '../features/settings/sign-out-buttons.tsx';

export function SettingsPage() {
  const me = useMe();
  return (
    <>
      <h1>Settings</h1>
      <section className="card" aria-labelledby="profile">
        <h2 id="profile">Profile</h2>
        <ProfileForm user={me} />
      </section>
      <section className="card" aria-labelledby="password">
        <h2 id="password">Password</h2>
        <ChangePasswordForm />
      </section>
      <section className="card" aria-labelledby="sessions">
        <h2 id="sessions">Sessions</h2>
        <SignOutButtons />
      </section>
      <section className="card" aria-labelledby="danger">
        <h2 id="danger">Delete account</h2>
        <DeleteAccountForm />
      </section>
    </>
  );
}
