"use client";

// A page of this group that fails to render: shown inside the group's layout, so the header stays.
export { ErrorScreen as default } from "~/components/layout/error-screen";
