import type { Provider } from "@/lib/model/endpoint";
import { PROVIDER_NAMES } from "@/lib/model/platform";

const BADGES: Record<Provider, { letters: string; className: string }> = {
  databricks: { letters: "DB", className: "bg-orange-600 text-white" },
  huggingface: { letters: "HF", className: "bg-yellow-400 text-zinc-900" },
  openmetrics: { letters: "OM", className: "bg-sky-700 text-white" },
};

/** A small lettered badge standing in for the platform's logo. */
export function ProviderBadge({ provider }: { provider: Provider }) {
  const badge = BADGES[provider];
  return (
    <span
      title={PROVIDER_NAMES[provider]}
      className={`inline-flex h-5 w-7 shrink-0 items-center justify-center rounded text-[10px] font-bold ${badge.className}`}
    >
      <span aria-hidden>{badge.letters}</span>
      <span className="sr-only">{PROVIDER_NAMES[provider]}</span>
    </span>
  );
}
