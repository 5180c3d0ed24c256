import { describeEngineContract } from "./test-support/engine-contract";

describeEngineContract("victoria-metrics");
