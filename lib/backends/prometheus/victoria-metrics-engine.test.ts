import { describeEngineContract } from "@/test-support/prometheus/engine-contract";

describeEngineContract("victoria-metrics");
