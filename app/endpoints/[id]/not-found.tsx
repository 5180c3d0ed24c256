import Link from "next/link";

export default function EndpointNotFound() {
  return (
    <main className="mx-auto max-w-3xl px-4 py-12">
      <h1 className="text-xl font-semibold">No such endpoint</h1>
      <p className="mt-2 text-zinc-600 dark:text-zinc-400">
        No source reports an endpoint with this id. It may have been deleted, or its source removed from the
        configuration.
      </p>
      <Link href="/" className="mt-4 inline-block text-sky-700 underline dark:text-sky-400">
        Back to the fleet
      </Link>
    </main>
  );
}
