// The voting page alone: signed in, without tRPC's client or react-query (components/layout/signed-in-trpc-layout.tsx says why).
export { SignedInLayout as default } from "~/components/layout/signed-in-layout";
