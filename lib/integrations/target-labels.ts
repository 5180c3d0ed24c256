/**
 * The target label naming a self-hosted replica (its configured id) in the generated prometheus.yml,
 * on its server and on its GPU exporter alike: the label Hugging Face puts on its own per-replica series.
 */
export const REPLICA_TARGET_LABEL = "replica_id";
