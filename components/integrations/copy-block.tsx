"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

interface CopyBlockProps {
  title: string;
  text: string;
}

/** A titled code block with a button that copies it; the text is already free of secrets. */
export function CopyBlock({ title, text }: CopyBlockProps) {
  const [copied, setCopied] = useState<"idle" | "copied" | "failed">("idle");

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied("copied");
    } catch {
      setCopied("failed");
    }
    setTimeout(() => setCopied("idle"), 2000);
  }

  return (
    <figure className="min-w-0 overflow-hidden rounded-md border border-zinc-200 dark:border-zinc-800">
      <figcaption className="flex items-center justify-between gap-2 border-b border-zinc-200 bg-zinc-50 px-3 py-1.5 text-xs font-medium text-zinc-600 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400">
        {title}
        <Button onClick={copy} className="h-6 px-2 text-xs" aria-label={`Copy ${title}`}>
          {copied === "copied" ? "Copied" : copied === "failed" ? "Copy failed" : "Copy"}
        </Button>
      </figcaption>
      <pre className="overflow-x-auto bg-white p-3 font-mono text-xs leading-relaxed text-zinc-800 dark:bg-zinc-950 dark:text-zinc-200">
        <code>{text}</code>
      </pre>
    </figure>
  );
}
