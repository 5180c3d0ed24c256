import { z } from "zod";

/** What a change event is about: configuration or model versions, state, replica counts. */
export const EVENT_KINDS = ["config", "state", "replica"] as const;
export const EventKindSchema = z.enum(EVENT_KINDS);
export type EventKind = z.infer<typeof EventKindSchema>;

/** Something that changed about an endpoint between two discoveries, as a chart marker tells it. */
export interface EndpointChange {
  endpointId: string;
  atMs: number;
  kind: EventKind;
  text: string;
}
