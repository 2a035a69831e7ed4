// zod with Japanese default messages; every schema imports z from here. Browser-safe.
import { z } from "zod";

z.config(z.locales.ja());

export { z };
