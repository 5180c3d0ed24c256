"use client";

import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { useLayoutEffect, useRef, useState } from "react";

/** A row's height: py-2 around a text-sm line, and the border between rows. */
const ROW_PX = 37;
/** Rows drawn beyond each edge of the window, so a scroll shows rows, not blank. */
const OVERSCAN = 10;
/** The window the server renders for, before the browser's is known: the top rows of a tall screen. */
const SERVER_WINDOW = { width: 1440, height: 1200 };

/**
 * The rows of a long table that are in the window, and the blank heights before and after them: a
 * thousand rows took ~450 ms to render and hydrate, the ~40 in view take a few.
 */
export function useWindowRows(count: number) {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  // Where the table's body starts on the page: the filter bar above it can wrap.
  const [scrollMargin, setScrollMargin] = useState(0);
  useLayoutEffect(() => {
    const measure = () => {
      const body = bodyRef.current;
      if (body) setScrollMargin(body.getBoundingClientRect().top + window.scrollY);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, []);
  const virtualizer = useWindowVirtualizer({
    count,
    estimateSize: () => ROW_PX,
    overscan: OVERSCAN,
    scrollMargin,
    initialRect: SERVER_WINDOW,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0];
  const last = items.at(-1);
  return {
    bodyRef,
    items,
    measureRow: virtualizer.measureElement,
    blankBefore: first ? first.start - scrollMargin : 0,
    blankAfter: last ? virtualizer.getTotalSize() - (last.end - scrollMargin) : 0,
  };
}
