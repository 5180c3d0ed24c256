export default function FleetPage() {
  return (
    <main className="mx-auto max-w-5xl p-8">
      <h1 className="text-2xl font-semibold">Servescope</h1>
      <p className="mt-2 text-zinc-600 dark:text-zinc-400">The fleet view is being built.</p>
    </main>
  );
}
