import { FleetTable } from "@/components/fleet/fleet-table";

export const dynamic = "force-dynamic";

export default function FleetPage() {
  return (
    <main className="mx-auto w-full max-w-[1600px] px-4 py-4">
      <h1 className="mb-3 text-xl font-semibold">
        <span className="sr-only">Servescope </span>Fleet
      </h1>
      <FleetTable />
    </main>
  );
}
