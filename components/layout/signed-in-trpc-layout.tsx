import type { ReactNode } from "react";
import { TrpcProvider } from "~/components/trpc/trpc-provider";
import { SignedInLayout } from "./signed-in-layout";

/**
 * The signed-in areas whose pages call tRPC through react-query: its client is mounted only
 * here. The voting page, the one a whole hall opens at once, does without (its `(ballot)`
 * group uses SignedInLayout alone, and components/delegate/ballot/fetch-transport.ts). A
 * file of its own: Next ships every client component a layout's modules import, used or not.
 */
export function SignedInTrpcLayout({ children }: { children: ReactNode }) {
  return (
    <SignedInLayout>
      <TrpcProvider>{children}</TrpcProvider>
    </SignedInLayout>
  );
}
