/** Postgres connection strings in messages: where the server is, never the password. Loads no driver. */
import { printable } from "../documents/identifiers.js";

/** "user@host:port/database": what a reader needs to find the server, without the password. */
export function describeTarget(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error("is not a URL (postgres://user:password@host:5432/database)");
  }
  if (u.protocol !== "postgres:" && u.protocol !== "postgresql:") throw new Error(`is not a postgres:// URL (it starts with ${u.protocol.replace(/[^a-z0-9+.-]/gi, "")}://)`);
  const user = decodeURIComponent(u.username || "(default user)");
  return `${printable(user)}@${u.hostname || "localhost"}:${u.port || "5432"}/${printable(decodeURIComponent(u.pathname.replace(/^\//, "")) || "(default database)")}`;
}

/** Removes the connection string and its password, in every spelling, from a message. */
export function redactor(url: string): (text: string) => string {
  const secrets = new Set<string>([url]);
  try {
    const u = new URL(url);
    if (u.password) {
      secrets.add(u.password);
      secrets.add(decodeURIComponent(u.password));
    }
    const q = u.searchParams.get("password");
    if (q) secrets.add(q);
  } catch {
    // Not a URL: only the whole string is known to be secret.
  }
  const list = [...secrets].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const s of list) out = out.split(s).join("***");
    return out;
  };
}
