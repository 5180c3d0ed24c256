import { Skeleton } from "@/components/ui/skeleton";

/** The fleet while the server computes its figures: the filter bar, then placeholder rows. */
export function FleetSkeleton() {
  return (
    <div className="flex flex-col gap-3" role="status" aria-label="Loading the fleet">
      <Skeleton className="h-[52px] w-full max-w-3xl" />
      <div className="flex flex-col gap-3 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
        {[0, 1, 2, 3, 4, 5].map((i) => (
          <Skeleton key={i} className="h-5 w-full" />
        ))}
      </div>
    </div>
  );
}
