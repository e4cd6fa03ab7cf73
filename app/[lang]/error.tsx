"use client";

import { ErrorScreen } from "~/components/layout/error-screen";

/** When a route group's layout itself fails: replaces the layouts, so it brings its own main landmark. */
export default function ErrorPage(props: { error: unknown; retry: () => void }) {
  return (
    <main id="main" className="mx-auto max-w-5xl px-4 py-6">
      <ErrorScreen {...props} wayHome />
    </main>
  );
}
