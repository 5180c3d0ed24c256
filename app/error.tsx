"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export default function PageError({ error, reset }: { error: Error; reset: () => void }) {
  return (
    <main className="mx-auto max-w-3xl px-4 py-8">
      <Alert tone="error" title="This page failed" action={<Button onClick={reset}>Try again</Button>}>
        {error.message}
      </Alert>
    </main>
  );
}
