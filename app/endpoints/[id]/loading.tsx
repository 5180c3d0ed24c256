import { Skeleton } from "@/components/ui/skeleton";

export default function DashboardLoading() {
  return (
    <main
      className="mx-auto flex w-full max-w-[1600px] flex-col gap-4 px-4 py-4"
      role="status"
      aria-label="Loading the endpoint"
    >
      <Skeleton className="h-7 w-72" />
      <Skeleton className="h-5 w-[32rem] max-w-full" />
      <Skeleton className="h-10 w-full" />
      <div className="grid gap-4 lg:grid-cols-2">
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} className="h-64" />
        ))}
      </div>
    </main>
  );
}
