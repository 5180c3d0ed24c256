import { z } from "zod";

// Runs before the app's code in the browser, which allows no eval (see proxy.ts): zod must not probe
// for it, since a strict CSP reports even a caught probe as a violation.
z.config({ jitless: true });
