import { toSameOriginPath } from "@/lib/auth/next-path";
import { LoginForm } from "./login-form";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  // Only paths on this origin: an open redirect would let a link send a signed-in user anywhere.
  const target = toSameOriginPath((await searchParams).next);
  return (
    <main className="mx-auto mt-24 max-w-sm p-6">
      <h1 className="text-xl font-semibold">Sign in to Servescope</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        This dashboard is exposed beyond this machine. Enter the access token set in SERVESCOPE_AUTH_TOKEN.
      </p>
      <LoginForm next={target} />
    </main>
  );
}
