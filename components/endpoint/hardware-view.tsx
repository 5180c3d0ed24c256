"use client";

import { SeriesPanel } from "@/components/panels/series-panel";
import { Segmented } from "@/components/ui/segmented";
import { HARDWARE_PANELS, HARDWARE_TITLES, type HardwarePanel } from "./hardware-panels";
import { toRequest, type ViewProps } from "./panel-props";

interface HardwareViewProps extends ViewProps {
  /** Panels drawn per replica instead of as the average. */
  details: readonly HardwarePanel[];
  onDetailsChange: (panel: HardwarePanel, perReplica: boolean) => void;
}

const DETAIL_OPTIONS = [
  { value: "avg", label: "Average" },
  { value: "replica", label: "Per replica" },
] as const;

export function HardwareView({
  baseRequest,
  frame,
  notReportedTitle,
  legend,
  details,
  onDetailsChange,
}: HardwareViewProps) {
  return (
    <>
      {HARDWARE_PANELS.map((panel) => {
        const perReplica = details.includes(panel);
        return (
          <SeriesPanel
            key={panel}
            title={HARDWARE_TITLES[panel]}
            request={toRequest(baseRequest, panel, perReplica ? "replica" : "avg")}
            frame={frame}
            notReportedTitle={notReportedTitle}
            soloName={legend.soloFor(panel)}
            onLegendSelect={(series) => legend.select(panel, series)}
            describeLegendAction={(series) => legend.describe(panel, series)}
            actions={
              <Segmented
                label={`${HARDWARE_TITLES[panel]} details`}
                options={DETAIL_OPTIONS}
                value={perReplica ? "replica" : "avg"}
                onChange={(value) => onDetailsChange(panel, value === "replica")}
              />
            }
          />
        );
      })}
    </>
  );
}
