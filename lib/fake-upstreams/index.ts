export { startFakeUpstreams } from "./start";
export type { FakeUpstreams, FakeUpstreamsOptions } from "./start";
export type { Fault, FaultTarget } from "./faults";
export type { ReceivedRequest } from "./serve";
