import { withAuth } from "next-auth/middleware";

/**
 * A first gate: signed-out visitors to delegate and secretariat pages go to sign-in.
 * Roles are decided again on the server for every page and every procedure.
 */
export default withAuth({ pages: { signIn: "/sign-in" } });

export const config = { matcher: ["/delegate/:path*", "/secretariat/:path*", "/clerk/:path*"] };
