import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // better-sqlite3 is a native addon: load it from node_modules at run time, never bundle it.
  serverExternalPackages: ["better-sqlite3"],
  poweredByHeader: false,
  typedRoutes: false,
  // No <Image> here: /_next/image answers 404 instead of fetching whatever `url=` names.
  images: { unoptimized: true },
};

export default nextConfig;
