import { describe, expect, it } from "vitest";
import { publicOrigin } from "~/server/http/public-origin";

const req = (headers: Record<string, string>) => new Headers(headers);

describe("the public address printed for people to copy", () => {
  it("is NEXTAUTH_URL's scheme and host when a deployment sets it, whatever host the request names", () => {
    expect(publicOrigin(req({ host: "10.0.0.5:3000" }), "https://piaojue.example/some/path")).toBe("https://piaojue.example");
    expect(publicOrigin(req({}), "https://piaojue.example")).toBe("https://piaojue.example");
  });

  it("is the host the phone reached when NEXTAUTH_URL is npm start's localhost default", () => {
    expect(publicOrigin(req({ host: "192.168.1.20:3000" }), "http://localhost:3000")).toBe("http://192.168.1.20:3000");
    expect(publicOrigin(req({ host: "192.168.1.20:3000" }), "http://127.0.0.1:3000")).toBe("http://192.168.1.20:3000");
    // On the server itself, localhost is right.
    expect(publicOrigin(req({ host: "localhost:3000" }), "http://localhost:3000")).toBe("http://localhost:3000");
  });

  it("follows the reverse proxy's X-Forwarded-Host and -Proto, first entry", () => {
    expect(
      publicOrigin(req({ host: "app:3000", "x-forwarded-host": "piaojue.example, edge", "x-forwarded-proto": "https,http" }), undefined),
    ).toBe("https://piaojue.example");
    expect(publicOrigin(req({ host: "[::1]:3000", "x-forwarded-host": "piaojue.example" }), "http://[::1]:3000")).toBe(
      "http://piaojue.example",
    );
  });

  it("never builds a link out of a header that is not a plain host", () => {
    for (const host of ["evil.example/path", "a@evil.example", "evil.example\\x", "javascript:alert(1)", ""]) {
      expect(publicOrigin(req({ host }), "http://localhost:3000"), host).toBe("http://localhost:3000");
    }
    expect(publicOrigin(req({ host: "ok.example", "x-forwarded-proto": "javascript" }), undefined)).toBe("http://localhost");
  });
});
