"use client";

import { ReplicaTimeline } from "@/components/charts/replica-timeline";
import { ChartCard } from "@/components/panels/chart-card";
import { ChartSkeleton } from "@/components/panels/chart-states";
import { SeriesPanel } from "@/components/panels/series-panel";
import { toRequest, type ViewProps } from "./panel-props";

interface TimelineViewProps extends ViewProps {
  selectedReplica: string | null;
  onSelectReplica: (id: string) => void;
}

export function TimelineView(props: TimelineViewProps) {
  const { endpoint, baseRequest, frame, notReportedTitle, legend } = props;
  const maxReplicas = endpoint?.scaling.maxReplicas ?? null;
  return (
    <>
      <SeriesPanel
        title="Running replicas"
        request={toRequest(baseRequest, "replicas")}
        frame={frame}
        notReportedTitle={notReportedTitle}
        soloName={legend.soloFor("replicas")}
        onLegendSelect={(series) => legend.select("replicas", series)}
        describeLegendAction={(series) => legend.describe("replicas", series)}
        stepped
        thresholds={maxReplicas === null ? [] : [{ y: maxReplicas, label: `max ${maxReplicas}`, color: "#dc2626" }]}
      />
      <ChartCard panel="replica-timeline" title="Replica timeline">
        {endpoint ? (
          <ReplicaTimeline
            replicas={endpoint.replicas}
            frame={frame}
            selectedReplica={props.selectedReplica}
            onSelectReplica={props.onSelectReplica}
          />
        ) : (
          <ChartSkeleton height={120} />
        )}
      </ChartCard>
    </>
  );
}
