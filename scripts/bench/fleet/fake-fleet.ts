// The fake upstreams of the fleet benchmarks, in a process of their own so that their CPU is not counted
// as the collector's. Forked by startFakeFleet: argv[2] endpoints, each a copy of one simulated Hugging
// Face endpoint. The namespace and token go back over IPC (never to stdout); `cpu` asks for this
// process's CPU time.
import { startFakeUpstreams } from "../../../lib/fake-upstreams";
import { fleetEndpointName } from "../../../test-support/fleet-names";

const count = Number(process.argv[2]);
const copyOf = process.argv[3] ?? "sentiment-prod";
const copies = Object.fromEntries(Array.from({ length: count }, (_, i) => [fleetEndpointName(i), copyOf]));
const fakes = await startFakeUpstreams({ copies: { huggingface: copies } });

process.on("message", (message) => {
  if (message === "cpu") process.send?.({ cpu: process.cpuUsage() });
});
// The parent gone (or done), nothing is left to serve.
process.on("disconnect", () => void fakes.close().then(() => process.exit(0)));
process.send?.({ huggingface: fakes.huggingface });
