export { SignedInTrpcLayout as default } from "~/components/layout/signed-in-trpc-layout";
