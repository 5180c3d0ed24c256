import "server-only";
import Database from "better-sqlite3";

// The database cannot take writes now, but may again without a restart: full disk, read-only
// remount, a lock held elsewhere, I/O errors, or a file damaged under it (kept so nothing is lost).
const UNAVAILABLE = /^SQLITE_(FULL|IOERR|BUSY|LOCKED|READONLY|CANTOPEN|NOMEM|PROTOCOL|CORRUPT|NOTADB)(_|$)/;

/** Why the store refused a write, when the fault is the store's and not the data's; null otherwise. */
export function storeUnavailableReason(error: unknown): string | null {
  if (!(error instanceof Database.SqliteError) || !UNAVAILABLE.test(error.code)) return null;
  return `${error.message} (${error.code})`;
}
