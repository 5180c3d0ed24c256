"use client";

import { useCallback, useState } from "react";

/** The element's content width, rounded down to `quantumPx` so small resizes do not change queries. */
export function useElementWidth(quantumPx = 40): [(element: HTMLElement | null) => void, number] {
  const [width, setWidth] = useState(0);
  const ref = useCallback(
    (element: HTMLElement | null) => {
      if (!element) return;
      const observer = new ResizeObserver(([entry]) => {
        if (entry) setWidth(Math.floor(entry.contentRect.width / quantumPx) * quantumPx);
      });
      observer.observe(element);
      return () => observer.disconnect();
    },
    [quantumPx],
  );
  return [ref, width];
}
