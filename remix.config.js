/** Remix v2, classic compiler. */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  serverBuildPath: "build/index.js",
  assetsBuildDirectory: "public/build",
  publicPath: "/build/",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    // Declined on purpose (docs/decisions/0016): said explicitly so the build prints no notice.
    v3_lazyRouteDiscovery: false,
    v3_singleFetch: false,
  },
};
