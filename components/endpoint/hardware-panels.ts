/** The resource panels, each drawable as the average or per replica. */
export const HARDWARE_PANELS = ["cpu", "memory", "gpu", "vram"] as const;
export type HardwarePanel = (typeof HARDWARE_PANELS)[number];

export const HARDWARE_TITLES: Record<HardwarePanel, string> = {
  cpu: "CPU",
  memory: "Memory",
  gpu: "GPU",
  vram: "VRAM",
};
