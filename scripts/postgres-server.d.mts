export interface PostgresServer {
  port: number;
  dir: string;
  url(user?: string, password?: string, database?: string): string;
  adminUrl(database?: string): string;
  restart(): void;
  stop(): void;
}
export function postgresBin(): string;
export function startPostgres(options?: { tlsOnly?: string; settings?: Record<string, string | number> }): Promise<PostgresServer>;
