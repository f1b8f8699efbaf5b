/**
 * The vendor map for preview builds. Published apps import React from "/_sandlot/vendor/…" on
 * their own origin; the preview's code runs from a blob: URL (which cannot resolve "/…" paths),
 * so preview builds point the same files at absolute URLs on the studio origin, which serves them
 * with Access-Control-Allow-Origin: * for the opaque-origin frame.
 */
import type { VendorMap } from "../../../sandbox/vendor/index";

export function absoluteVendor(vendor: VendorMap, origin: string): VendorMap {
  const imports: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [spec, url] of Object.entries(vendor.imports)) {
    imports[spec] = url.startsWith("/") ? origin + url : url;
  }
  return { imports, files: vendor.files };
}
