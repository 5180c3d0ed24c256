/** The fleet's endpoint names, sortable: fleet-00000, fleet-00001, … */
export function fleetEndpointName(index: number): string {
  return `fleet-${String(index).padStart(5, "0")}`;
}
