export { SignedInLayout as default } from "~/components/layout/signed-in-layout";
