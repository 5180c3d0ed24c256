import { preload } from "react-dom";
import { FleetTable } from "@/components/fleet/fleet-table";
import { API_PATHS, PRELOAD_API } from "@/lib/api/client";

export const dynamic = "force-dynamic";

export default function FleetPage() {
  preload(API_PATHS.endpoints(), PRELOAD_API);
  return (
    <main className="mx-auto w-full max-w-[1600px] px-4 py-4">
      <h1 className="mb-3 text-xl font-semibold">
        <span className="sr-only">Servescope </span>Fleet
      </h1>
      <FleetTable />
    </main>
  );
}
