import { notFound } from "next/navigation";

/** Any address no page answers (they all arrive here under a language prefix) gets the site's own 404. */
export default function Missing() {
  notFound();
}
