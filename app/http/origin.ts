// The portal's public origin comes from configuration only, never from a request: links in mail and the
// Origin check must not follow a Host header an attacker chose (a reset link to their own site).
// PORTAL_ORIGIN names it; without it, outside production, the portal is http://localhost:PORT.

export interface OriginSettings {
  /** Links in mail and every absolute URL start with this. */
  origin: string;
  /** PORTAL_ORIGIN was set: only its host is served. Otherwise (development) the loopback names are. */
  configured: boolean;
}

/** Reads the settings, or says in Japanese and English what to set (production needs PORTAL_ORIGIN). */
export function originSettings(env: Record<string, string | undefined> = process.env): OriginSettings {
  const value = env.PORTAL_ORIGIN?.trim();
  if (value) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new Error(`PORTAL_ORIGIN (${value}) is not a URL: set it to the portal's public origin, e.g. https://kyodo.city.example.jp`);
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error(`PORTAL_ORIGIN (${value}) must start with https:// or http://`);
    return { origin: url.origin, configured: true };
  }
  if (env.NODE_ENV === "production") {
    throw new Error(
      "PORTAL_ORIGIN が設定されていません。公開するアドレス（例: PORTAL_ORIGIN=https://kyodo.city.example.jp）を設定してから起動してください。" +
        " / PORTAL_ORIGIN is not set: in production set it to the portal's public origin (mail links are built from it).",
    );
  }
  return { origin: `http://localhost:${env.PORT ?? 3000}`, configured: false };
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * The origin a request is served as, or null when its Host is not this portal's (refused): the
 * configured host exactly, or in development a loopback name on the configured port.
 */
export function requestOrigin(settings: OriginSettings, host: string | undefined, protocol: string): string | null {
  if (!host) return null;
  const own = new URL(settings.origin);
  if (host.toLowerCase() === own.host) return settings.origin;
  if (settings.configured) return null;
  let asked: URL;
  try {
    asked = new URL(`${protocol}://${host}`);
  } catch {
    return null;
  }
  return LOOPBACK.has(asked.hostname) && asked.port === own.port ? asked.origin : null;
}

/** Cookies are marked Secure when the portal is served over https (its configured origin says so). */
export function securedOrigin(): boolean {
  return originSettings().origin.startsWith("https:");
}
