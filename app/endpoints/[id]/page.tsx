import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getRuntime } from "@/lib/server/runtime";
import { EndpointDashboard } from "./endpoint-dashboard";

export const dynamic = "force-dynamic";

interface PageProps {
  params: Promise<{ id: string }>;
}

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  const endpoint = getRuntime().endpoint((await params).id);
  return { title: endpoint ? `${endpoint.name} · Servescope` : "Unknown endpoint · Servescope" };
}

/** Answers 404 for an unknown id; the dashboard reads its view state from the URL itself. */
export default async function EndpointPage({ params }: PageProps) {
  const { id } = await params;
  if (!getRuntime().endpoint(id)) notFound();
  return (
    <main className="mx-auto w-full max-w-[1600px] px-4 py-4">
      <EndpointDashboard id={id} />
    </main>
  );
}
