import { describeEngineContract } from "@/test-support/prometheus/engine-contract";

describeEngineContract("prometheus");
