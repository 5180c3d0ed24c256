"use client";

import { useState, type FormEvent } from "react";
import { ApiErrorSchema } from "@/lib/api/schemas";

export function LoginForm({ next }: { next: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const token = new FormData(event.currentTarget).get("token");
    const response = await fetch("/api/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token }),
    });
    setPending(false);
    if (response.ok) {
      window.location.assign(next);
      return;
    }
    const body = ApiErrorSchema.safeParse(await response.json().catch(() => null));
    setError(body.success ? body.data.error.message : `sign-in failed (HTTP ${response.status})`);
  }

  return (
    <form onSubmit={submit} className="mt-6 flex flex-col gap-3">
      <label className="text-sm font-medium" htmlFor="token">
        Access token
      </label>
      <input
        id="token"
        name="token"
        type="password"
        required
        autoComplete="current-password"
        className="rounded-md border border-zinc-300 bg-white px-3 py-2 dark:border-zinc-700 dark:bg-zinc-900"
      />
      {error && (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-zinc-900 px-3 py-2 text-sm font-medium text-white disabled:opacity-60 dark:bg-zinc-100 dark:text-zinc-900"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
