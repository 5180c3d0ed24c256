"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { HealthBanner } from "./health-banner";

const LINKS = [
  { href: "/", label: "Fleet", isActive: (path: string) => path === "/" || path.startsWith("/endpoints") },
  { href: "/integrations", label: "Integrations", isActive: (path: string) => path.startsWith("/integrations") },
];

/**
 * The header's links do not prefetch: every page is rendered on demand, and their prefetches (the
 * fleet's and the integrations' payloads, twice) ran on the server while a page waited for its charts.
 */
export function SiteHeader() {
  const pathname = usePathname();
  return (
    <header className="border-b border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900">
      <div className="mx-auto flex h-12 w-full max-w-[1600px] items-center gap-6 px-4">
        <Link href="/" prefetch={false} className="flex items-center gap-2 font-semibold tracking-tight">
          <svg aria-hidden viewBox="0 0 20 20" className="h-5 w-5 text-sky-600 dark:text-sky-400">
            <circle cx="10" cy="10" r="8" fill="none" stroke="currentColor" strokeWidth="2" />
            <polyline points="4,12 8,12 10,6 12,14 14,10 16,10" fill="none" stroke="currentColor" strokeWidth="1.6" />
          </svg>
          Servescope
        </Link>
        <nav aria-label="Main">
          <ul className="flex gap-1 text-sm">
            {LINKS.map((link) => {
              const active = link.isActive(pathname);
              return (
                <li key={link.href}>
                  <Link
                    href={link.href}
                    prefetch={false}
                    aria-current={active ? "page" : undefined}
                    className={`rounded px-2 py-1 focus-visible:outline-2 focus-visible:outline-sky-500 ${
                      active
                        ? "bg-zinc-200 font-medium dark:bg-zinc-800"
                        : "text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800"
                    }`}
                  >
                    {link.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
      </div>
      <HealthBanner />
    </header>
  );
}
