import { withAuth } from "next-auth/middleware";

/**
 * A first gate: signed-out visitors to delegate, secretariat and department pages go to sign-in.
 * Roles are decided again on the server for every page and every procedure.
 */
export default withAuth({ pages: { signIn: "/sign-in" } });

export const config = { matcher: ["/delegate/:path*", "/secretariat/:path*", "/clerk/:path*", "/department/:path*"] };
