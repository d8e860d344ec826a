import pg from "pg";
import type { TestProject } from "vitest/node";
import { startPostgres } from "../../scripts/postgres-server.mjs";
import { RO_PASSWORD, RO_USER, TLS_USER } from "./roles.js";

declare module "vitest" {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    postgresPort: number;
  }
}

/** One PostgreSQL server for the postgres project's tests, on a free loopback port; stopped and removed after. */
export default async function setup(project: TestProject): Promise<() => void> {
  const server = await startPostgres({ tlsOnly: TLS_USER });
  const admin = new pg.Client(server.adminUrl());
  await admin.connect();
  await admin.query(`CREATE ROLE ${RO_USER} LOGIN PASSWORD '${RO_PASSWORD.replace(/'/g, "''")}'`);
  await admin.query(`CREATE ROLE ${TLS_USER} LOGIN PASSWORD '${RO_PASSWORD.replace(/'/g, "''")}'`);
  await admin.end();
  project.provide("postgresAdminUrl", server.adminUrl());
  project.provide("postgresPort", server.port);
  return () => server.stop();
}
