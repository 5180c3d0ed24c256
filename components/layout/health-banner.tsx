"use client";

import { useHealth } from "@/lib/hooks/use-health";

/** Says so on every page when the server itself is degraded (a full disk, a failing store), and why. */
export function HealthBanner() {
  const { data } = useHealth();
  if (!data || data.status === "ok") return null;
  const reasons = "reasons" in data ? data.reasons : [];
  return (
    <div
      role="status"
      className="border-b border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
    >
      <div className="mx-auto w-full max-w-[1600px]">
        <strong>Servescope is degraded</strong>
        {reasons.length > 0 ? `: ${reasons.join("; ")}` : ": see /api/health"}
      </div>
    </div>
  );
}
