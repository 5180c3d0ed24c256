// Child process of startup-failure.test.ts: what `next start` does at boot, the runtime's start-up.
import { register } from "@/instrumentation";

await register();
console.log("servescope started");
process.exit(0);
