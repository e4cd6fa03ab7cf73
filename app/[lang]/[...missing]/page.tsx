import { notFound } from "next/navigation";

/** Rendered per request: a flood of made-up addresses must not fill the page cache. */
export const dynamic = "force-dynamic";

/** Any address no page answers (they all arrive here under a language prefix) gets the site's own 404. */
export default function Missing() {
  notFound();
}
