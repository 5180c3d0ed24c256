"use client";

import type { EndpointDetail, GroupBy } from "@/lib/api/schemas";
import { panelMeta, panelsOfView, type PanelId, type ViewId } from "@/lib/panels/catalog";
import { ReplicaTimeline } from "@/components/charts/replica-timeline";
import type { ChartFrame, ThresholdLine } from "@/components/charts/time-series-chart";
import { ChartCard } from "@/components/panels/chart-card";
import { ChartSkeleton } from "@/components/panels/chart-states";
import { SeriesPanel } from "@/components/panels/series-panel";
import { Segmented } from "@/components/ui/segmented";
import { ClassShares } from "./class-shares";
import { toRequest, type BaseRequest, type LegendBehaviour } from "./panel-props";

export interface ViewPanelsProps {
  view: ViewId;
  endpoint: EndpointDetail | undefined;
  /** Null until the chart width is known. */
  base: BaseRequest | null;
  frame: ChartFrame;
  notReportedTitle: string;
  legend: LegendBehaviour;
  groupingOf: (panel: PanelId) => GroupBy | undefined;
  onGroupingChange: (panel: PanelId, value: GroupBy) => void;
  selectedReplica: string | null;
  onSelectReplica: (id: string) => void;
}

/** Every registered panel of one view, drawn from its catalog entry; the timeline view adds the replica timeline. */
export function ViewPanels(props: ViewPanelsProps) {
  const { view, endpoint, frame } = props;
  return (
    <>
      {panelsOfView(view, endpoint?.provider).map((panel) => (
        <RegisteredPanel key={panel} panel={panel} {...props} />
      ))}
      {view === "timeline" && (
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
      )}
    </>
  );
}

/** One array per maximum, the same on every render: the chart is memoised on it. */
const maxReplicasLines = new Map<number, ThresholdLine[]>();
function maxReplicasLine(max: number): ThresholdLine[] {
  let lines = maxReplicasLines.get(max);
  if (!lines) {
    lines = [{ y: max, label: `max ${max}`, color: panelMeta("replicas").colorOf("max") }];
    maxReplicasLines.set(max, lines);
  }
  return lines;
}

function RegisteredPanel({ panel, ...props }: ViewPanelsProps & { panel: PanelId }) {
  const { endpoint, legend } = props;
  const meta = panelMeta(panel);
  const maxReplicas = endpoint?.scaling.maxReplicas ?? null;
  const grouping = props.groupingOf(panel);
  return (
    <SeriesPanel
      title={meta.title}
      request={toRequest(props.base, panel, grouping)}
      frame={props.frame}
      notReportedTitle={props.notReportedTitle}
      soloName={legend.soloFor(panel)}
      onLegendSelect={(series) => legend.select(panel, series)}
      describeLegendAction={(series) => legend.describe(panel, series)}
      band={meta.band}
      stepped={meta.stepped}
      stacked={meta.stacked}
      actions={
        grouping !== undefined && (
          <Segmented
            label={`${meta.title}: grouping`}
            options={meta.groupings}
            value={grouping}
            onChange={(value) => props.onGroupingChange(panel, value)}
          />
        )
      }
      renderSummary={panel === "requests" ? (response) => <ClassShares response={response} /> : undefined}
      note={
        panel === "requests" &&
        endpoint?.scaling.scaleToZero === true &&
        "This endpoint scales to zero: 503s right after an idle period are cold starts while a replica comes up, not outages."
      }
      thresholds={panel === "replicas" && maxReplicas !== null ? maxReplicasLine(maxReplicas) : undefined}
    />
  );
}
